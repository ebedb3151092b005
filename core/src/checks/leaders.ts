/**
 * Leaders (FJ2xx): a leader the registry does not know; a leader who oversees none of the task's
 * lead units; leaders paired one-to-one with lead units where a unit has no leader of its own.
 * Skipped when the registry lists no leaders (seed 003's jurisdiction publishes none).
 */
import { nameKey } from '../../../grammar/src/text';
import { diagnostic, type Templates } from '../messages';
import type { LeaderMention, Task } from '../model';
import type { RegistryIndex } from '../registry';
import { rankCandidates } from '../similarity';
import { taskCheck, type Check } from './types';

export const leaderTemplates: Templates = {
  FJ201: { zh: '单位库中没有领导“{name}”。{suggestion}', en: 'The registry has no leader "{name}".{suggestion}' },
  FJ202: { zh: '领导“{name}”不分管本任务的牵头单位（{units}）。', en: 'Leader "{name}" does not oversee the lead unit(s) of this task ({units}).' },
  FJ203: {
    zh: '牵头领导与牵头单位一一对应，但没有一位领导分管“{unit}”（本任务领导：{leaders}）。',
    en: 'Leaders pair one-to-one with lead units, but none of this task\'s leaders ({leaders}) oversees "{unit}".',
  },
};

function oversees(index: RegistryIndex, leader: string, unit: string): boolean {
  return index.overseers(unit).some((l) => l.name === nameKey(leader));
}

function checkTaskLeaders(task: Task, index: RegistryIndex, report: (d: ReturnType<typeof diagnostic>) => void): void {
  const leads = task.leadUnits.filter((u) => u.canonical && u.resolution !== 'collective');
  const known = task.leaders.filter((l): l is LeaderMention & { canonical: string } => !!l.canonical);
  for (const leader of known) {
    if (leads.length === 0) continue;
    if (!leads.some((u) => oversees(index, leader.canonical, u.canonical!))) {
      report(diagnostic('FJ202', 'warning', leader.range, leaderTemplates.FJ202, { name: leader.text, units: leads.map((u) => u.text).join('、') }));
    }
  }
  // One-to-one pairing (seed 000 task 28): as many leaders as lead units, so each unit needs its leader.
  if (known.length > 1 && known.length === task.leaders.length && leads.length === known.length) {
    for (const unit of leads) {
      if (!known.some((l) => oversees(index, l.canonical, unit.canonical!))) {
        report(diagnostic('FJ203', 'warning', unit.range, leaderTemplates.FJ203, { unit: unit.text, leaders: known.map((l) => l.text).join('、') }));
      }
    }
  }
}

const checkLeaders = taskCheck('checkLeaders', (task, { registries, tokenizer, report }) => {
  const names = registries.memo('leader-names', '', () => registries.allLeaders().map((l) => l.name));
  if (names.length === 0) return;
  for (const mention of task.leaders) {
    if (mention.canonical || mention.role) continue;
    const ranked = rankCandidates(mention.text, names, tokenizer).map((c) => c.name);
    const suggestion = ranked.length ? { zh: `是否应为“${ranked.join('”或“')}”？`, en: ` Did you mean "${ranked.join('" or "')}"?` } : { zh: '', en: '' };
    report(
      diagnostic('FJ201', 'error', mention.range, leaderTemplates.FJ201, { name: mention.text, suggestion }, {
        fixes: ranked.map((n, i) => ({ title: { zh: `改为“${n}”`, en: `Change to "${n}"` }, edits: [{ range: mention.range, newText: n }], preferred: i === 0 })),
      }),
    );
  }
  checkTaskLeaders(task, registries, report);
});

export const leaderChecks: Check[] = [checkLeaders];
