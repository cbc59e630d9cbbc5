export declare function inlineScriptHashes(html: string): string[];
export declare function hashInlineScripts(policy: string, html: string): string;
