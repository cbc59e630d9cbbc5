/** The channel every server instance listens on for public changes (lib/cache/public-change-listener.ts). */
export const PUBLIC_CHANGE_CHANNEL = 'portal_public_change';
/** Touches every public answer: a change whose reach is not itemised (reference data, a year's catalogue). */
export const EVERYTHING = '*';
