/**
 * `inferRegistry`: a registry draft from Fenjie documents, for a drafter bootstrapping a new
 * jurisdiction. Every unit and collective the documents name, every leader, and for each leader
 * the lead units the documents pair them with: a task with one leader gives that leader all its
 * lead units; a task with several leaders first uses what the single-leader tasks established,
 * then pairs the rest in order when the counts match, and otherwise lists candidates as comments.
 */
import { RegistryIndex, isGenericCollective } from '../../core/src/registry';
import { resolveLeaderList, resolveUnitList } from '../../core/src/resolve';
import { parseDocument, type TaskSyntax } from '../../grammar/src/index';
import { taskField } from '../../grammar/src/fields';
import { nameKey } from '../../grammar/src/text';
import { endsLikeUnitName } from './units';

interface Pairing {
  leaders: string[];
  leadUnits: string[];
}

/** `大连、丹东市人民政府`: short place names before a name that ends in a government's suffix share it. */
const SHARED_SUFFIX = /^(.{2,4}?)((?:市|县|区)人民政府)$/;

function expandSharedSuffix(names: string[]): string[] {
  const out = [...names];
  for (let i = out.length - 2; i >= 0; i--) {
    const suffix = SHARED_SUFFIX.exec(out[i + 1])?.[2];
    if (suffix && out[i].length <= 4 && !endsLikeUnitName(out[i])) out[i] += suffix;
  }
  return out;
}

const NO_REGISTRY = new RegistryIndex([]);

function unitNames(task: TaskSyntax, kind: 'leadUnit' | 'cooperatingUnit'): string[] {
  return expandSharedSuffix(
    task.fields
      .filter((f) => taskField(f.name)?.kind === kind)
      .flatMap((f) => resolveUnitList(f.value, NO_REGISTRY))
      .map((m) => nameKey(m.text)),
  );
}

function leaderNames(task: TaskSyntax): string[] {
  return task.fields
    .filter((f) => taskField(f.name)?.kind === 'leadLeader')
    .flatMap((f) => resolveLeaderList(f.value, NO_REGISTRY))
    .map((m) => nameKey(m.text));
}

/** A first guess at a unit's 类别 from how its name ends; the drafter confirms it. */
function categoryOf(name: string): string | undefined {
  if (/市人民政府$/.test(name)) return '市人民政府';
  if (/(?:街道|街道办事处|镇|乡)$/.test(name)) return '镇街';
  if (/管委会$/.test(name)) return '园区管委会';
  if (/(?:公司|集团)$/.test(name)) return '国有企业';
  if (/^省/.test(name)) return '省直部门';
  if (/^区/.test(name)) return '区直部门';
  return undefined;
}

function addTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key) ?? [];
  if (!list.includes(value)) list.push(value);
  map.set(key, list);
}

export function inferRegistry(documents: readonly string[], jurisdiction?: string): string {
  const units: string[] = [];
  const collectives: string[] = [];
  const leaders: string[] = [];
  const pairings: Pairing[] = [];
  const note = (list: string[], name: string) => {
    if (!list.includes(name)) list.push(name);
  };
  for (const text of documents) {
    const syntax = parseDocument(text);
    const tasks = syntax.chapters.flatMap((c) => [...c.tasks, ...c.sections.flatMap((s) => s.tasks)]);
    for (const task of tasks) {
      const leadUnits = unitNames(task, 'leadUnit');
      for (const name of [...leadUnits, ...unitNames(task, 'cooperatingUnit')]) note(isGenericCollective(name) ? collectives : units, name);
      const taskLeaders = leaderNames(task);
      for (const name of taskLeaders) note(leaders, name);
      if (taskLeaders.length > 0 && leadUnits.length > 0) pairings.push({ leaders: taskLeaders, leadUnits: leadUnits.filter((u) => !isGenericCollective(u)) });
    }
  }

  const oversees = new Map<string, string[]>();
  const candidates = new Map<string, string[]>();
  for (const p of pairings) if (p.leaders.length === 1) for (const unit of p.leadUnits) addTo(oversees, p.leaders[0], unit);
  for (const p of pairings) {
    if (p.leaders.length === 1) continue;
    const known = (leader: string, unit: string) => oversees.get(leader)?.includes(unit) ?? false;
    const openUnits = p.leadUnits.filter((u) => !p.leaders.some((l) => known(l, u)));
    const idleLeaders = p.leaders.filter((l) => !p.leadUnits.some((u) => known(l, u)));
    if (openUnits.length > 0 && openUnits.length === idleLeaders.length) {
      openUnits.forEach((unit, i) => addTo(oversees, idleLeaders[i], unit));
    } else if (idleLeaders.length > 0 && p.leaders.length === p.leadUnits.length) {
      for (const leader of idleLeaders) addTo(oversees, leader, p.leadUnits[p.leaders.indexOf(leader)]);
    } else {
      for (const unit of openUnits) for (const leader of p.leaders) addTo(candidates, leader, unit);
    }
  }

  const out: string[] = [];
  if (jurisdiction) out.push(`辖区：${jurisdiction}`);
  out.push(`# 由 fenjie registry infer 从 ${documents.length} 个文档生成的草稿：类别按名称猜测，分管按任务中领导与牵头单位的搭配推断，请逐条核对。`);
  out.push('# A draft inferred from the documents: categories are guessed from names, oversight from leader/lead-unit pairings. Review every entry.');
  for (const name of units) {
    out.push('', `单位：${name}`);
    const category = categoryOf(name);
    if (category) out.push(`  类别：${category}`);
  }
  for (const name of collectives) out.push('', `集合：${name}`);
  for (const name of leaders) {
    out.push('', `领导：${name}`);
    const list = oversees.get(name);
    if (list?.length) out.push(`  分管：${list.join('、')}`);
    const maybe = (candidates.get(name) ?? []).filter((u) => !list?.includes(u));
    if (maybe.length) out.push(`  # 分管候选（任务中领导与牵头单位无法一一对应）：${maybe.join('、')}`);
  }
  return out.join('\n') + '\n';
}
