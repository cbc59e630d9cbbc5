import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { amountInput, parseAmount } from '@/lib/domain/money';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Every amount a page shows goes through components/ui/money.tsx (<Money>), which formats with
 * lib/domain/money.ts. Text-only places cannot hold an element; these may call the formatter
 * themselves, each for the reason given. Nothing else in app/ or components/ formats fen.
 */
const TEXT_ONLY: Record<string, string> = {
  'components/ui/money.tsx': 'the money component itself',
  'app/(workspace)/workspace/transfers/new/_components/transfer-form.tsx': 'a programme <option> with its balance: an option holds text only',
  'app/(workspace)/workspace/batches/new/_components/batch-form.tsx': 'a programme <option> with its balance: an option holds text only',
  'app/(workspace)/workspace/items/[id]/_components/transition-panel.tsx': 'a programme <option> with its balance: an option holds text only',
  'app/(workspace)/workspace/disclosure/_components/withholding-forms.tsx': 'a transfer <option> with its amount: an option holds text only',
  'components/workflow/application-form.tsx': 'the exact echo of an amount being typed, beside its input',
  'components/forms/amount-field.tsx': 'the exact echo of an amount being typed (元 and fen), beside its input',
  'app/(public)/_components/chain-sankey.tsx': 'the Sankey\'s node labels and band titles: SVG <text> and <title> hold text only',
  'app/(workspace)/workspace/auditor/trace/_components/trace-sankey.tsx': 'the trace Sankey\'s node labels and band titles: SVG <text> and <title> hold text only',
};

/**
 * The data layer hands amounts to pages as fen, never as display text; only the official Chinese
 * notices a publication is written with (stored as issued) state an amount in words.
 */
const DAL_NOTICES: Record<string, string> = {
  'lib/dal/ledger/programmes.ts': 'the catalogue notice published when a programme opens',
  'lib/dal/internal/formulas/batch-effects.ts': 'the allocation-result notice published when a batch is approved',
  'lib/dal/internal/disclosure/transfers.ts': 'the allocation-result notice published with every movement of money',
};

const FORMATTERS = /\b(formatYuan|formatCompact|formatExact|formatMoney)\b/;

/** What a component must never do with an amount: format, scale or convert it by hand. */
const BY_HAND: [RegExp, string][] = [
  [/\.toFixed\(/, 'toFixed'],
  [/\.toLocaleString\(/, 'toLocaleString'],
  [/Intl\.NumberFormat/, 'Intl.NumberFormat'],
  [/parseFloat\(/, 'parseFloat'],
  [/\b\w*[Ff]en\w*\)?\s*\/\s*\d/, 'a fen amount divided'],
  [/Number\([^)]*[Ff]en/, 'a fen amount made a float'],
  [/fromScaled\([^)]*[Ff]en/, 'a fen amount scaled as a decimal'],
  [/[元万亿]元?|CNY/, 'a currency unit written in code'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** The code without its comments (which may well talk about 元). */
function code(file: string): string {
  return readFileSync(path.join(root, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const filesOf = (...dirs: string[]) => dirs.flatMap((dir) => sourceFiles(path.join(root, dir))).map((file) => path.relative(root, file).split(path.sep).join('/'));

describe('one money component for every amount shown', () => {
  it('no page or component formats an amount itself, except the text-only places listed', () => {
    const offenders = filesOf('app', 'components').filter((rel) => !(rel in TEXT_ONLY) && FORMATTERS.test(code(rel)));
    expect(offenders).toEqual([]);
  });

  it('no page or component formats, divides, converts or labels fen by hand', () => {
    const found: string[] = [];
    for (const rel of filesOf('app', 'components')) {
      if (rel === 'components/ui/money.tsx') continue;
      const text = code(rel);
      for (const [pattern, what] of BY_HAND) if (pattern.test(text)) found.push(`${rel}: ${what} (${text.match(pattern)![0]})`);
    }
    expect(found).toEqual([]);
  });

  it('the data layer hands out fen, not formatted amounts, except in the official notices it publishes', () => {
    const offenders = filesOf('lib/dal').filter((rel) => !(rel in DAL_NOTICES) && (FORMATTERS.test(code(rel)) || /\d\s*元|\}\s*元/.test(code(rel))));
    expect(offenders).toEqual([]);
  });

  it('the listed exceptions still exist and still need the formatter (a stale entry would hide nothing)', () => {
    for (const rel of [...Object.keys(TEXT_ONLY), ...Object.keys(DAL_NOTICES)]) expect(code(rel), rel).toMatch(FORMATTERS);
  });

  it('catches the hand formatting it is meant to catch', () => {
    const caught = (line: string) => BY_HAND.some(([p]) => p.test(line));
    expect(caught('{formatYuan(f.heldFen)} 元')).toBe(true);
    expect(caught('(Number(r.amountFen) / 100).toFixed(2)')).toBe(true);
    expect(caught('const yuan = amountFen / 100n;')).toBe(true);
    expect(caught('`${fromScaled(fen, 6)} 万元`')).toBe(true);
    expect(caught('<Money fen={r.amountFen} locale={locale} />')).toBe(false);
    expect(FORMATTERS.test("import { formatCompact } from '@/lib/domain/money';")).toBe(true);
  });
});

describe('amountInput: an amount back into a form field, exactly', () => {
  it('is the inverse of parseAmount in both units', () => {
    for (const fen of [1n, 99n, 100n, 12_345_678n, 1_000_000n, 123_450_000n, 1_000_000_000_000_000n]) {
      for (const unit of ['yuan', 'wan'] as const) {
        const typed = amountInput(fen, unit);
        expect(parseAmount(typed, unit), `${fen} ${unit}`).toEqual({ ok: true, fen });
      }
    }
    expect(amountInput(123_450_000n, 'wan')).toBe('123.45');
    expect(amountInput(100n, 'yuan')).toBe('1');
    expect(amountInput(1n, 'wan')).toBe('0.000001');
    expect(amountInput(0n, 'wan')).toBe('');
  });
});
