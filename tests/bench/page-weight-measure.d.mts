export const BUDGET_KB: number;
export const KB: number;
export function publicRoutes(root: string): string[];
export function routeScripts(root: string, route: string): string[];
export function htmlScripts(html: string): string[];
export function scriptBytes(root: string, scripts: string[]): { raw: number; gz: number };
export function publicPageWeights(root: string): { route: string; scripts: number; raw: number; gz: number }[];
export const ACCOUNT_ROUTES: string[];
export function isBudgeted(route: string): boolean;
