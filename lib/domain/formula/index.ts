/**
 * The factor method (因素法), exact and browser-safe: see allocation.ts. The public surface of the
 * engine; the files beside it are its parts.
 */
export { computeAllocation } from './allocation';
export { canonicalInputs, inputsHash } from './inputs-hash';
export {
  BASIS_POINTS,
  MAX_TOTAL_FEN,
  type FactorSpec,
  type FormulaError,
  type FormulaErrorCode,
  type FormulaInput,
  type FormulaOutcome,
  type FormulaResult,
  type RecipientInput,
  type RecipientResult,
} from './types';
/** Kept for callers that took the hash from here; the implementation is lib/domain/sha256. */
export { sha256Hex } from '../sha256';
