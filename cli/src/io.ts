/** What a CLI command may do to the outside world; tests pass an in-memory one. */
import { promises as fs } from 'fs';
import * as path from 'path';

export interface CliIo {
  stdout(s: string): void;
  stderr(s: string): void;
  readFile(p: string): Promise<Uint8Array>;
  /** Writes atomically: a temporary file renamed into place, so a failure leaves no partial file. */
  writeFile(p: string, data: string | Uint8Array): Promise<void>;
  exists(p: string): Promise<boolean>;
}

export const nodeIo: CliIo = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  readFile: (p) => fs.readFile(p),
  async writeFile(p, data) {
    const temporary = path.join(path.dirname(p), `.${path.basename(p)}.${process.pid}.tmp`);
    await fs.writeFile(temporary, data);
    await fs.rename(temporary, p);
  },
  async exists(p) {
    try {
      await fs.access(p);
      return true;
    } catch {
      return false;
    }
  },
};
