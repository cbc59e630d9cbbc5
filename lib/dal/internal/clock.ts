/**
 * When a command happens. Requests never choose it: `requireCtx` builds a context without a clock,
 * so every action and route runs on the real time. Only server-side code that builds its own
 * context sets one: the demo seed replaying history at the demo's dates, and tests.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** The instant a command stamps on everything it writes (one instant per command, like the database's now()). */
export function nowOf(ctx: { clock?: Clock }): Date {
  return (ctx.clock ?? systemClock)();
}
