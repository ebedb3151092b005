/**
 * The preview page's script (exports/media/preview.js) as Node loads it: without a webview it
 * exports its model and `applyPayload`, the code that applies the server's payloads in the page.
 * `FakePage` plays the page for the client tests: it applies what is posted to a stand-in panel
 * and answers as the script does (`ready`, `resync`).
 */
import type { Cell, ListName, PreviewHead } from '../../exports/src/preview-model';
import type { PreviewPayload } from '../../exports/src/preview-sync';
import { fromRoot } from '../helpers/expected';
import type { FakePanel } from './vscode-stand-in';

export interface PageList {
  keys: number[];
  rows: Map<number, { line: number; cells: Cell[] }>;
}

export interface PageModel {
  version: string | undefined;
  head: PreviewHead | undefined;
  lists: Record<ListName, PageList | null>;
}

export interface PreviewScript {
  LISTS: ListName[];
  createModel(): PageModel;
  /** Null when the payload does not apply to what the model shows. */
  applyPayload(model: PageModel, payload: PreviewPayload): object | null;
  rowsOf(model: PageModel, name: ListName): [number, number, Cell[]][] | null;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const script = require(fromRoot('exports', 'media', 'preview.js')) as PreviewScript;

/** Every text of a list's rows, in order. */
export function listTexts(model: PageModel, name: ListName): string[] {
  const out: string[] = [];
  const walk = (cell: Cell) => (typeof cell === 'string' ? out.push(cell) : cell.forEach(walk));
  for (const row of script.rowsOf(model, name) ?? []) walk(row[2]);
  return out;
}

/** A page as the script behaves: applies payloads, asks for a resync when one does not apply, answers pings. */
export class FakePage {
  model = script.createModel();
  tab = 'table';
  /** Payloads applied, in order. */
  readonly applied: PreviewPayload[] = [];
  resyncs = 0;

  constructor(readonly panel: FakePanel) {
    panel.webview.onPost = (message) => setImmediate(() => this.receive(message as { type: string; payload?: PreviewPayload }));
  }

  private receive(message: { type: string; payload?: PreviewPayload }): void {
    if (message.type === 'payload') {
      if (script.applyPayload(this.model, message.payload!)) this.applied.push(message.payload!);
      else {
        this.resyncs++;
        this.panel.webview.received.fire({ type: 'resync' });
      }
    } else if (message.type === 'ping') {
      this.panel.webview.received.fire({ type: 'ready', tab: this.tab, version: this.model.version });
    }
  }

  /** The page (re)loads: it shows nothing and says so. */
  load(): void {
    this.model = script.createModel();
    this.panel.webview.received.fire({ type: 'ready', tab: this.tab });
  }

  /** The user picks a tab. */
  selectTab(tab: string): void {
    this.tab = tab;
    this.panel.webview.received.fire({ type: 'tab', tab });
  }

  texts(name: ListName = 'table'): string[] {
    return listTexts(this.model, name);
  }
}
