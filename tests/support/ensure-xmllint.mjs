#!/usr/bin/env node
// The IATI export is checked with xmllint (Debian package libxml2-utils), which a fresh machine lacks: install it when possible.
import { execSync } from 'node:child_process';

const has = (command) => {
  try {
    execSync(`command -v ${command}`, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

if (has('xmllint')) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !has('apt-get')) {
  console.error('xmllint is missing. Install Debian\'s package as root (apt-get install libxml2-utils), then run the tests again.');
  process.exit(1);
}
console.log('Installing xmllint from Debian packages (one time)…');
// Other installs may hold apt's locks for a while on a shared machine: wait for them rather than fail.
const wait = '-o DPkg::Lock::Timeout=300';
execSync(`apt-get ${wait} update -qq && DEBIAN_FRONTEND=noninteractive apt-get ${wait} install -y -qq --no-install-recommends libxml2-utils`, { stdio: 'inherit' });
if (!has('xmllint')) {
  console.error('apt-get finished but xmllint is still missing.');
  process.exit(1);
}
