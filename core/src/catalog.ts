/** Every diagnostic template of the core, by code: for the docs test, hosts that list codes, and settings. */
import type { Templates } from './messages';
import { syntaxTemplates } from './checks/syntax';
import { structureTemplates } from './checks/structure';
import { unitTemplates } from './checks/units';
import { leaderTemplates } from './checks/leaders';
import { duplicateTemplates } from './checks/duplicates';
import { glossaryTemplates } from './checks/glossary';
import { registryTemplates } from './registry';
import { targetTemplates } from './checks/targets';
import { deadlineTemplates } from './checks/deadline';

export const ALL_TEMPLATES: Templates = {
  ...syntaxTemplates,
  ...structureTemplates,
  ...unitTemplates,
  ...leaderTemplates,
  ...duplicateTemplates,
  ...glossaryTemplates,
  ...targetTemplates,
  ...deadlineTemplates,
  ...registryTemplates,
};
