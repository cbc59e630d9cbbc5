// What a citizen's message may hold. Zod-free, so the browser's form shows the same limits the
// server checks without shipping the schemas to every page that carries the form.
export const FEEDBACK_TEXT_MAX = 2000;
export const FEEDBACK_PHOTOS_MAX = 3;
