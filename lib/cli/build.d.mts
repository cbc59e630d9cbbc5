export declare const FINGERPRINT_FILE: string;
export declare const projectRoot: string;
export declare function sourceFingerprint(root?: string): string;
export declare function buildState(root?: string): 'missing' | 'stale' | 'current';
export declare function recordBuild(fingerprint: string, root?: string): void;
export declare function nextBin(root?: string): string;
export declare function build(root?: string): number;
