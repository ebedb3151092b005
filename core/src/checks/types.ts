/**
 * What every check receives. A check is a small function: it reads the model (and the
 * registries through the index), and reports diagnostics; it never throws for bad input.
 */
import type { Diagnostic, FenjieDocument } from '../model';
import type { RegistryIndex } from '../registry';
import type { Tokenizer } from '../tokenizer';

export interface CheckContext {
  document: FenjieDocument;
  registries: RegistryIndex;
  /** Word segmentation (nodejieba when loaded, a character-bigram fallback otherwise). */
  tokenizer: Tokenizer;
  report(diagnostic: Diagnostic): void;
}

export type Check = (context: CheckContext) => void;
