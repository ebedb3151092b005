/**
 * Property 6 — bad files. A registry with a stray line, a unit defined twice or collectives that
 * contain each other is reported (FJ801, FJ802, FJ803) on the offending line, never thrown, and the
 * workspace keeps checking documents against the registry's last good version. A `单位库：` path
 * that leads nowhere is FJ808 on that line, in the editor and from the CLI.
 * Binary and huge files are refused with a message; any other bytes decode or are refused, never
 * thrown.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import type { Diagnostic } from '../../core/src/model';
import { loadRegistry, type Registry } from '../../core/src/registry';
import { createLanguageService, Workspace } from '../../core/src/service/index';
import { MAX_FILE_CHARS } from '../../core/src/service/workspace';
import { decodeText, MAX_DOCUMENT_BYTES, type ReadResult } from '../../host/src/files';
import { runCli } from '../helpers/cli';
import { diagnosticProblems } from './harness';
import { ci, mutant, mutatedDocument, REGISTRY_TEXTS } from './support';

// ---------------------------------------------------------------------------------------------
// Registries with known faults

interface GeneratedRegistry {
  text: string;
  /** 0-based lines of the faults put in, by the code that must report them. */
  faults: { FJ801: number[]; FJ802: number[]; FJ803: number[] };
}

const unitName = fc.constantFrom(...'甲乙丙丁戊己庚辛壬癸').map((c) => `测试${c}局`);

/** A well-formed registry, then (maybe) a stray line, a repeated unit and a pair of collectives in a cycle. */
const faultyRegistry: fc.Arbitrary<GeneratedRegistry> = fc
  .record({
    units: fc.uniqueArray(unitName, { minLength: 2, maxLength: 8 }),
    collectiveMembers: fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), { maxLength: 3 }),
    stray: fc.option(fc.nat(), { nil: undefined }),
    duplicate: fc.option(fc.nat(), { nil: undefined }),
    cycle: fc.boolean(),
  })
  .map(({ units, collectiveMembers, stray, duplicate, cycle }) => {
    const lines = ['辖区：测试区'];
    const faults: GeneratedRegistry['faults'] = { FJ801: [], FJ802: [], FJ803: [] };
    const entries: string[][] = units.map((u) => [`单位：${u}`, '  类别：区直部门']);
    collectiveMembers.forEach((members, i) => entries.push([`集合：测试集合${i}`, `  成员：${[...new Set(members.map((m) => units[m % units.length]))].join('、')}`]));
    if (duplicate !== undefined) entries.push(['# 重复定义', `单位：${units[duplicate % units.length]}`]);
    if (cycle) entries.push(['集合：循环甲', '  成员：循环乙'], ['集合：循环乙', '  成员：循环甲']);
    const strayAt = stray === undefined ? -1 : stray % (entries.length + 1);
    entries.forEach((entry, i) => {
      if (i === strayAt) {
        faults.FJ801.push(lines.length);
        lines.push('这一行不是条目');
      }
      if (entry[1] === `单位：${units[(duplicate ?? 0) % units.length]}` && entry[0] === '# 重复定义') faults.FJ802.push(lines.length + 1);
      if (entry[0] === '集合：循环甲') faults.FJ803.push(lines.length);
      lines.push(...entry);
    });
    if (strayAt === entries.length) {
      faults.FJ801.push(lines.length);
      lines.push('这一行不是条目');
    }
    return { text: lines.join('\n') + '\n', faults };
  });

export type LoadRegistryFn = (text: string, uri: string) => Registry;

export const registryFaultsReported = (load: LoadRegistryFn) =>
  fc.property(faultyRegistry, ({ text, faults }) => {
    const registry = load(text, 'file:///bad/generated.units.fenjie');
    assert.deepStrictEqual(diagnosticProblems(text, registry.diagnostics), []);
    for (const code of ['FJ801', 'FJ802', 'FJ803'] as const) {
      const lines = registry.diagnostics.filter((d) => d.code === code).map((d) => d.range.start.line);
      if (code === 'FJ803') {
        // A cycle is reported on a collective in it; which one depends on where the walk starts.
        assert.strictEqual(lines.length > 0, faults.FJ803.length > 0, `FJ803 on lines ${lines} for a cycle at ${faults.FJ803}`);
      } else {
        assert.deepStrictEqual(lines, faults[code], `${code} on lines ${lines}, faults put on ${faults[code]}`);
      }
    }
  });

// ---------------------------------------------------------------------------------------------
// Files that are not text

export type DecodeFn = (bytes: Uint8Array, file: string) => ReadResult;

const textWithoutNul = fc.string({ unit: 'binary', maxLength: 300 }).map((s) => s.replace(/\u0000/g, ''));

export const decodingNeverLoses = (decode: DecodeFn) =>
  fc.property(textWithoutNul, (text) => {
    const result = decode(Buffer.from(text, 'utf8'), 'a.fenjie');
    assert.ok(result.ok, 'UTF-8 text was refused');
    assert.strictEqual(result.text, text.replace(/^\ufeff/, ''));
  });

export const binaryRefused = (decode: DecodeFn) =>
  fc.property(fc.uint8Array({ maxLength: 400 }), fc.nat(8191), (bytes, at) => {
    const withNul = Buffer.concat([Buffer.from(bytes.subarray(0, Math.min(at, bytes.length))), Buffer.from([0]), Buffer.from(bytes.subarray(Math.min(at, bytes.length)))]);
    const result = decode(withNul, '数据.bin');
    assert.ok(!result.ok, 'a file with NUL bytes was read as text');
    assert.ok(result.message.zh.includes('数据.bin') && result.message.en.includes('数据.bin'), 'the message does not name the file');
  });

const HUGE = Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x61);

describe('property 6: bad files', function () {
  this.timeout(120_000);

  describe('registries', () => {
    it('stray lines, repeated units and collective cycles are reported on their lines', () => {
      fc.assert(registryFaultsReported(loadRegistry), ci(200));
    });

    it('any mutation of a real registry loads without throwing, with ranges inside it', () => {
      fc.assert(
        fc.property(mutatedDocument(REGISTRY_TEXTS, 10), ({ text }) => {
          assert.deepStrictEqual(diagnosticProblems(text, loadRegistry(text, 'file:///bad/mutated.units.fenjie').diagnostics), []);
        }),
        ci(200),
      );
    });

    it('a registry with errors leaves its last good version in use', () => {
      fc.assert(
        fc.property(faultyRegistry, faultyRegistry, (first, second) => {
          const workspace = new Workspace();
          const service = createLanguageService({ workspace, locale: 'zh' });
          const registryUri = 'file:///bad/test.units.fenjie';
          const documentUri = 'file:///bad/doc.fenjie';
          const hasErrors = (r: Registry) => r.diagnostics.some((d) => d.severity === 'error');
          const good = workspace.setRegistry(registryUri, first.text).current;
          const unit = good.units[0].name;
          workspace.setDocument(documentUri, `单位库：test.units.fenjie\n1. 推进。\n   牵头单位：${unit}\n`, 1);
          const resolvedBefore = service.analysis(documentUri)!.document.tasks[0].leadUnits[0].resolution;
          const file = workspace.setRegistry(registryUri, second.text);
          if (!hasErrors(good)) {
            assert.strictEqual(file.inUse, hasErrors(file.current) ? good : file.current, 'the registry in use is not the last good one');
            if (hasErrors(file.current)) {
              assert.ok(service.diagnostics(registryUri).some((d) => d.code === 'FJ811'), 'no note that the last good version is in use');
              assert.strictEqual(service.analysis(documentUri)!.document.tasks[0].leadUnits[0].resolution, resolvedBefore);
            }
          }
        }),
        ci(100),
      );
    });
  });

  describe('a registry path that leads nowhere', () => {
    const registryPath = fc.oneof(
      fc.constantFrom('缺失的库.units.fenjie', '../不存在/x.units.fenjie', 'C:\\没有\\库.units.fenjie', '/absolute/none.units.fenjie', 'a%20b.units.fenjie', 'file:///x.units.fenjie', '  空格  .units.fenjie'),
      fc.string({ unit: fc.constantFrom('a', '库', '/', '\\', '.', '%', ' ', ':', '#', '?', '..'), minLength: 1, maxLength: 20 }),
    );

    it('is a diagnostic on the 单位库 line in the editor, whatever the path', () => {
      fc.assert(
        fc.property(registryPath, fc.nat(3), (p, blank) => {
          const workspace = new Workspace();
          const service = createLanguageService({ workspace, locale: 'zh' });
          const uri = 'file:///docs/报告.fenjie';
          const text = `标题：测试\n${'\n'.repeat(blank)}单位库：${p}\n\n1. 推进。\n   牵头单位：区商务局\n`;
          workspace.setDocument(uri, text, 1);
          const diagnostics = service.diagnostics(uri);
          assert.deepStrictEqual(diagnosticProblems(text, diagnostics), []);
          if (p.split(/[、，,；;]/).some((part) => part.trim())) {
            const missing = diagnostics.filter((d: Diagnostic) => d.code === 'FJ808');
            assert.ok(missing.length > 0, `no FJ808 for ${JSON.stringify(p)}`);
            for (const d of missing) assert.strictEqual(d.range.start.line, 1 + blank, 'FJ808 is not on the 单位库 line');
          }
        }),
        ci(100),
      );
    });

    it('is FJ808 on the 单位库 line from `fenjie check`', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'fenjie-bad-'));
      try {
        const file = path.join(dir, '报告.fenjie');
        writeFileSync(file, '标题：测试\n单位库：缺失的库.units.fenjie\n\n1. 推进。\n   牵头单位：区商务局\n');
        const run = await runCli(['check', file, '--format', 'json']);
        assert.strictEqual(run.code, 1, run.stderr);
        const [result] = JSON.parse(run.stdout) as { diagnostics: { code: string; line: number; column: number }[] }[];
        const missing = result.diagnostics.filter((d) => d.code === 'FJ808');
        assert.deepStrictEqual(missing.map((d) => [d.line, d.column]), [[2, 5]]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('files that are not text', () => {
    it('UTF-8 text decodes to itself (a leading BOM dropped)', () => {
      fc.assert(decodingNeverLoses(decodeText), ci(300));
    });

    it('bytes with a NUL are refused with a message naming the file', () => {
      fc.assert(binaryRefused(decodeText), ci(200));
    });

    it('any bytes decode or are refused, never thrown', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
          const result = decodeText(bytes, 'x.fenjie');
          assert.ok(result.ok ? typeof result.text === 'string' : result.message.zh && result.message.en);
        }),
        ci(300),
      );
    });

    it('a file over 5 MB is refused with its size', () => {
      const result = decodeText(HUGE, '大文件.fenjie');
      assert.ok(!result.ok && result.message.zh.includes('5 MB') && result.message.en.includes('5 MB'));
    });

    it('the editor refuses text over 5 MB or with NUL characters, with a diagnostic', () => {
      const workspace = new Workspace();
      const service = createLanguageService({ workspace, locale: 'zh' });
      workspace.setDocument('file:///bad/huge.fenjie', '1. 推进。\n'.repeat(Math.ceil((MAX_FILE_CHARS + 1) / 7)), 1);
      workspace.setDocument('file:///bad/binary.fenjie', '1. 推进\u0000。\n', 1);
      assert.deepStrictEqual(service.diagnostics('file:///bad/huge.fenjie').map((d) => d.code), ['FJ809']);
      assert.deepStrictEqual(service.diagnostics('file:///bad/binary.fenjie').map((d) => d.code), ['FJ810']);
    });
  });

  describe('the property catches a broken build', () => {
    it('a registry loader that misses cycles', () => {
      const broken: LoadRegistryFn = (text, uri) => {
        const r = loadRegistry(text, uri);
        return { ...r, diagnostics: r.diagnostics.filter((d) => d.code !== 'FJ803') };
      };
      assert.ok(fc.check(registryFaultsReported(broken), mutant(200)).failed);
    });

    it('a registry loader that reports a duplicate on its first definition', () => {
      const broken: LoadRegistryFn = (text, uri) => {
        const r = loadRegistry(text, uri);
        return { ...r, diagnostics: r.diagnostics.map((d) => (d.code === 'FJ802' && d.related?.[0] ? { ...d, range: d.related[0].range } : d)) };
      };
      assert.ok(fc.check(registryFaultsReported(broken), mutant(200)).failed);
    });

    it('a decoder that reads NUL bytes as text', () => {
      const broken: DecodeFn = (bytes) => ({ ok: true, text: Buffer.from(bytes).toString('utf8'), encoding: 'utf-8' });
      assert.ok(fc.check(binaryRefused(broken), mutant(50)).failed);
    });

    it('a decoder that keeps the BOM or trims the text', () => {
      const broken: DecodeFn = (bytes, file) => {
        const r = decodeText(bytes, file);
        return r.ok ? { ...r, text: r.text.trim() } : r;
      };
      assert.ok(fc.check(decodingNeverLoses(broken), mutant(300)).failed);
    });
  });
});
