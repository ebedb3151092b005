/** Runs the `fenjie` CLI in-process with captured output, as a user would call it. */
import { main } from '../../cli/src/main';
import { nodeIo, type CliIo } from '../../cli/src/io';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { ...nodeIo, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
