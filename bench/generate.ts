/**
 * The benchmark's large documents: a provincial breakdown table of any size, generated from a
 * seeded PRNG so every run (and every machine) sees the same text. Units, collectives and leaders
 * come from the shipped Liaoning registry, paired the way the registry says (a task's leader
 * oversees its lead unit); task texts are composed from the phrasing of real breakdown tables,
 * with numeric targets (`增长5.5%左右`, `不少于500个`…) and deadlines. A few faults are planted per
 * thousand tasks (an unknown unit, an alias, a near-duplicate task, a leader who does not oversee
 * the lead unit, a task without a lead unit, a misspelt field name, and one numbering gap), so
 * the checks have something to report, as they would on a real draft.
 *
 * `node out/bench/generate.js [tasks...]` writes bench/generated/tasks-<n>.fenjie.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { chineseNumeral } from '../core/src/numerals';
import { loadRegistry, type Registry, type UnitEntry } from '../core/src/registry';
import { nameKey } from '../grammar/src/text';
import { Random } from './random';

export const ROOT = path.resolve(__dirname, '..', '..');
export const GENERATED_DIR = path.join(ROOT, 'bench', 'generated');
export const REGISTRY_FILE = path.join(ROOT, 'registries', 'liaoning.units.fenjie');

const VERBS = [
  '加快推进', '深入实施', '持续推进', '着力打造', '全面加强', '大力发展', '积极创建', '稳步实施', '统筹推进', '加快建设',
  '深化', '健全', '完善', '强化', '推动', '支持', '培育壮大', '高标准建设', '扎实推进', '全力抓好', '有序推进', '加大',
  '提升', '优化', '落实', '组织实施', '巩固拓展', '大力推广', '规范发展', '积极稳妥推进',
];

const OBJECTS = [
  '现代化基础设施体系', '新型城镇化建设', '数字经济核心产业', '黑土地保护工程', '市场化法治化国际化营商环境', '农村供水工程',
  '冰雪经济', '县域商业体系', '国家物流枢纽', '高标准农田建设', '城镇老旧小区改造', '城市更新行动', '重点产业链', '专精特新企业梯度培育',
  '科技型中小企业', '重点实验室体系', '养老服务体系', '托育服务体系', '医疗卫生服务体系', '公共文化服务体系', '全民健身设施',
  '职业技能培训', '高校毕业生就业服务', '农民工工资支付保障', '安全生产治本攻坚', '防灾减灾救灾能力', '河湖长制', '近岸海域综合治理',
  '土壤污染源头防控', '固体废物综合治理', '无废城市建设', '碳达峰行动', '绿色工厂和绿色园区', '风电光伏规模化开发', '氢能产业集群',
  '抽水蓄能电站建设', '新型电网', '新一代移动通信网络', '算力基础设施', '工业互联网平台', '智能制造示范工厂', '数字化转型试点',
  '石化和精细化工产业', '冶金新材料产业', '高端装备制造产业', '集成电路装备产业', '生物医药和医疗装备产业', '新能源汽车产业',
  '航空航天产业', '低空经济', '机器人产业', '消费品工业', '现代服务业', '文化旅游深度融合', '乡村旅游重点村建设', '美丽宜居村建设',
  '乡村振兴示范带', '农产品精深加工', '设施农业', '现代种业', '海洋牧场', '渔港经济区', '特色产业发展优势区', '农村人居环境整治',
  '农村生活垃圾治理', '黑臭水体综合治理', '国有企业改革深化提升行动', '民营经济发展环境', '涉企收费长效监管机制', '惠企政策直达快享',
  '一网通办', '高效办成一件事改革', '公共数据共享应用', '信用体系建设', '知识产权保护', '高价值发明专利培育', '质量强省建设',
  '标准化战略', '开发区体制机制改革', '自贸试验区提升战略', '跨境电商综合试验区', '服务贸易创新发展', '东北海陆大通道',
  '东北亚国际航运中心', '区域协同合作', '对口合作', '地方政府债务风险防范化解', '基层三保底线', '财政资金直达机制', '金融服务实体经济',
  '科技金融', '绿色金融', '普惠金融', '住房保障体系', '保障性住房建设', '城中村改造', '平急两用公共基础设施', '城市地下管网改造',
  '城市燃气管道老化更新改造', '供热管网改造', '海绵城市建设', '城乡融合发展', '县域经济', '兴边富民行动', '社会救助体系',
  '困境儿童关爱帮扶', '残疾人就业帮扶', '退役军人服务保障体系', '双拥共建', '国防动员体系', '信访工作法治化', '平安辽宁建设',
  '食品药品安全监管', '特种设备安全监管', '应急指挥中心建设', '森林草原防灭火', '气象防灾减灾', '耕地保护和粮食安全责任制',
];

const PURPOSES = [
  '提升综合服务能力', '形成城乡融合发展新格局', '增强可持续发展能力', '推动高质量发展', '切实提高保障水平', '让群众有更多获得感',
  '打造新的经济增长点', '夯实发展基础', '提高资源配置效率', '守住不发生系统性风险底线', '促进产业集聚升级', '推动直达快享、免申即享',
  '确保各项任务如期完成', '加快形成新质生产力', '提升企业核心竞争力', '筑牢安全发展屏障', '打造东北振兴新高地', '持续改善生态环境质量',
];

const SHENFU = '省沈抚示范区管委会';

const CITIES = ['沈阳', '大连', '鞍山', '抚顺', '本溪', '丹东', '锦州', '营口', '阜新', '辽阳', '盘锦', '铁岭', '朝阳', '葫芦岛'];

const INDICATORS = [
  '地区生产总值', '一般公共预算收入', '规模以上工业增加值', '固定资产投资', '社会消费品零售总额', '进出口总额', '居民人均可支配收入',
  '研发经费投入', '实际使用外资', '数字经济核心产业增加值', '农村居民人均可支配收入', '服务业增加值', '高技术制造业增加值',
];

const COUNTED = [
  ['新增高新技术企业', '家'], ['培育专精特新中小企业', '家'], ['建设重点实验室', '个'], ['新增就业岗位', '个'], ['实施重大项目', '项'],
  ['建设农村供水工程', '处'], ['改造城镇老旧小区', '个'], ['打造乡村旅游重点村', '个'], ['建设美丽宜居村', '个'], ['新建5G基站', '个'],
  ['培育雏鹰瞪羚企业', '家'], ['新增规模以上工业企业', '家'], ['建设智能制造示范工厂', '个'], ['改造供热管网', '公里'], ['新建改建农村公路', '公里'],
] as const;

const DEADLINES = ['2024年12月底', '2024年12月底前', '2024年6月底前', '2024年9月底', '长期坚持', '2024年10月底前', '持续推进'];

const CHAPTER_THEMES = [
  '壮大经济实力，在保持经济赶超势头上攻坚突破', '建设现代化产业体系，在推动产业结构优化升级上攻坚突破', '深化改革开放，在激发发展活力上攻坚突破',
  '推进乡村全面振兴，在农业农村现代化上攻坚突破', '推动区域协调发展，在构建新发展格局上攻坚突破', '加强生态文明建设，在绿色低碳发展上攻坚突破',
  '保障和改善民生，在增进民生福祉上攻坚突破', '统筹发展和安全，在防范化解风险上攻坚突破', '加强政府自身建设，在提升治理效能上攻坚突破',
  '实施科教兴省战略，在科技创新上攻坚突破',
];

const SECTION_THEMES = [
  '推动有效投资持续增长', '着力扩大消费需求', '推进新型城镇化', '支持民营经济发展壮大', '发展海洋经济', '加快科技创新',
  '推动制造业高质量发展', '大力发展服务业', '优化营商环境', '深化国资国企改革', '扩大高水平对外开放', '确保粮食安全',
  '建设宜居宜业和美乡村', '持续打好污染防治攻坚战', '促进高质量充分就业', '健全社会保障体系', '提升公共服务水平', '维护公共安全',
];

const GLOSSARY = [
  '“四上”企业：规模以上工业企业、资质等级建筑业企业、限额以上批零住餐企业、规模以上服务业企业四类规模以上企业的统称。',
  '“一网通办”：依托一体化政务服务平台，实现政务服务事项一次认证、一网办理。',
  '“三保”：保基本民生、保工资、保运转。',
];

function decimal(random: Random, min: number, max: number): string {
  const value = min + random.next() * (max - min);
  return random.chance(0.5) ? String(Math.round(value)) : value.toFixed(1);
}

/**
 * One clause with a numeric target, in one of the forms the seeds use. A document gives each
 * indicator one target: a clause about an indicator already given one repeats it (`targets`
 * remembers them by indicator), except where a conflicting target is planted on purpose.
 */
function targetClause(random: Random, targets: Map<string, string>, conflict = false): string {
  const city = random.chance(0.5) ? random.pick(CITIES) + '市' : '';
  const base = random.pick(INDICATORS);
  const indicator = city + base;
  // `甲和乙分别达到…`: the second indicator is read without the city, so it is keyed without it.
  const other = INDICATORS[(INDICATORS.indexOf(base) + random.int(1, INDICATORS.length - 1)) % INDICATORS.length];
  const [counted, measure] = random.pick(COUNTED);
  const form = random.int(0, 8);
  const subjects = form === 8 ? [indicator, other] : [2, 3, 4, 7].includes(form) ? [counted] : form === 5 ? ['粮食播种面积'] : [indicator];
  const known = subjects.map((s) => targets.get(s)).find((c) => c !== undefined);
  if (known && !conflict) return known;
  const clause = freshTarget(random, form, indicator, other, counted, measure);
  for (const s of subjects) if (!targets.has(s)) targets.set(s, clause);
  return clause;
}

function freshTarget(random: Random, form: number, indicator: string, other: string, counted: string, measure: string): string {
  switch (form) {
    case 0:
      return `${indicator}增长${decimal(random, 3, 10)}%左右`;
    case 1:
      return `${indicator}增速控制在${decimal(random, 2, 6)}%以内`;
    case 2:
      return `${counted}不少于${random.int(2, 60) * 10}${measure}`;
    case 3:
      return `${counted}突破${random.int(5, 900)}${measure}`;
    case 4:
      return `${counted}超过${random.int(2, 40) * 10}${measure}`;
    case 5:
      return `粮食播种面积稳定在${random.int(5000, 5400)}万亩以上`;
    case 6:
      return `${indicator}占比提升${random.int(1, 6)}个百分点`;
    case 7:
      return `${counted}${decimal(random, 1, 9)}万${measure === '公里' ? '公里' : '户'}`;
    default:
      return `${indicator}和${other}分别达到${random.int(60, 95)}%、${random.int(50, 90)}%`;
  }
}

function plainClause(random: Random): string {
  switch (random.int(0, 5)) {
    case 0:
      return `${random.pick(VERBS)}${random.pick(OBJECTS)}`;
    case 1:
      return `${random.pick(VERBS)}${random.pick(OBJECTS)}，${random.pick(PURPOSES)}`;
    case 2: {
      const cities = random.sample(CITIES, random.int(1, 3));
      return `支持${cities.join('、')}${random.pick(VERBS)}${random.pick(OBJECTS)}`;
    }
    case 3:
      return `${random.pick(VERBS)}${random.pick(OBJECTS)}和${random.pick(OBJECTS)}`;
    case 4:
      return `坚持${random.pick(OBJECTS)}与${random.pick(OBJECTS)}统筹发展，${random.pick(VERBS)}${random.pick(OBJECTS)}`;
    default:
      return `${random.pick(VERBS)}${random.pick(OBJECTS)}，${random.pick(VERBS)}${random.pick(OBJECTS)}`;
  }
}

function taskText(random: Random, targets: Map<string, string>, conflict: boolean): string {
  const clauses: string[] = [];
  const count = random.int(1, 3);
  for (let i = 0; i < count; i++) clauses.push(random.chance(0.3) ? targetClause(random, targets) : plainClause(random));
  if (conflict) clauses.push(targetClause(random, targets, true));
  return clauses.join('，') + '。';
}

interface Pairing {
  unit: string;
  leader: string;
}

/** Lead units with the leader the registry says oversees them; units nobody oversees lead without a leader line. */
function pairingsOf(registry: Registry): { paired: Pairing[]; unpaired: string[]; departments: string[] } {
  const overseer = new Map<string, string>();
  for (const leader of registry.leaders) for (const unit of leader.oversees) if (!overseer.has(nameKey(unit))) overseer.set(nameKey(unit), leader.name);
  // Cities and the demonstration zone are listed after the departments (`，各市人民政府，省沈抚示范区管委会`).
  const departments = registry.units.filter((u: UnitEntry) => !u.name.endsWith('市人民政府') && u.name !== SHENFU).map((u) => u.name);
  const paired = departments.filter((u) => overseer.has(nameKey(u))).map((unit) => ({ unit, leader: overseer.get(nameKey(unit))! }));
  const unpaired = departments.filter((u) => !overseer.has(nameKey(u)));
  return { paired, unpaired, departments };
}

function cooperatingList(random: Random, departments: readonly string[], exclude: string): string {
  const parts: string[] = [];
  const units = random.sample(
    departments.filter((d) => d !== exclude),
    random.int(1, 4),
  );
  if (units.length) parts.push(units.join('、') + (random.chance(0.35) ? '等' : ''));
  if (random.chance(0.12)) {
    const [a, b] = random.sample(CITIES, 2);
    parts.push(`${a}、${b}市人民政府`);
  } else if (random.chance(0.45)) {
    parts.push('各市人民政府');
  }
  if (random.chance(0.25)) parts.push(SHENFU);
  return parts.join('，');
}

type Fault = 'unknownUnit' | 'alias' | 'duplicate' | 'wrongLeader' | 'noLeadUnit' | 'misspeltField' | 'conflictingTarget';
const FAULTS: readonly Fault[] = ['unknownUnit', 'alias', 'duplicate', 'wrongLeader', 'noLeadUnit', 'misspeltField', 'conflictingTarget'];

/** Which fault, if any, task `i` (0-based) carries: one of each kind in every thousand tasks. */
function faultAt(i: number): Fault | undefined {
  const slot = i % 1000;
  const k = [137, 281, 433, 577, 719, 863, 941].indexOf(slot);
  return k < 0 ? undefined : FAULTS[k];
}

export interface GeneratedDocument {
  name: string;
  tasks: number;
  text: string;
}

export function generateDocument(taskCount: number, registry: Registry, seed = 20240205): GeneratedDocument {
  const random = new Random(seed ^ taskCount);
  const { paired, unpaired, departments } = pairingsOf(registry);
  const lines: string[] = [
    `标题：2024年省《政府工作报告》重点工作分工方案（基准测试文档，${taskCount}项任务）`,
    '文号：辽政发〔2024〕3号',
    '年度：2024',
    '发文机关：辽宁省人民政府',
    '辖区：辽宁省',
    '',
  ];
  const chapterCount = Math.max(1, Math.round(taskCount / 250));
  const perChapter = Math.ceil(taskCount / chapterCount);
  const texts: string[] = [];
  const targets = new Map<string, string>();
  let number = 0;
  let written = 0;
  const gapAt = Math.floor(taskCount * 0.6);
  for (let c = 0; c < chapterCount && written < taskCount; c++) {
    lines.push(`${chineseNumeral(c + 1)}、${CHAPTER_THEMES[c % CHAPTER_THEMES.length]}`);
    const inChapter = Math.min(perChapter, taskCount - written);
    const sectionCount = random.int(0, 6);
    // Tasks before the first section belong to the chapter itself, as in seed 002's first chapter.
    const cuts = [0, ...random.sample(Array.from({ length: inChapter - 1 }, (_, k) => k + 1), sectionCount).sort((a, b) => a - b), inChapter];
    for (let s = 0; s + 1 < cuts.length; s++) {
      if (s > 0) lines.push(`（${chineseNumeral(s)}）${random.pick(SECTION_THEMES)}。`);
      for (let t = cuts[s]; t < cuts[s + 1]; t++) {
        const i = written++;
        number += i === gapAt ? 2 : 1;
        const fault = faultAt(i);
        let text = taskText(random, targets, fault === 'conflictingTarget');
        if (fault === 'duplicate' && texts.length > 10) text = texts[texts.length - 7].replace(/。$/, '，确保取得实效。');
        texts.push(text);
        // A long text wraps onto a continuation line, as drafters break it.
        if (text.length > 70 && random.chance(0.5)) {
          const cut = text.indexOf('，', 30);
          if (cut > 0) text = `${text.slice(0, cut + 1)}\n    ${text.slice(cut + 1)}`;
        }
        lines.push(`${number}.${random.chance(0.1) ? ' ' : ''}${text}`);
        const withLeader = random.chance(0.85);
        const pairing = withLeader ? random.pick(paired) : { unit: random.pick(unpaired), leader: '' };
        let leader = pairing.leader;
        let lead = pairing.unit;
        if (fault === 'wrongLeader') leader = paired.find((p) => p.leader !== pairing.leader)?.leader ?? leader;
        if (fault === 'alias') lead = '省发改委';
        if (fault === 'unknownUnit') lead = '省发展该革委';
        if (leader) lines.push(`   牵头领导：${leader}`);
        if (fault === 'misspeltField') lines.push(`   牵头单未：${lead}`);
        else if (fault !== 'noLeadUnit') lines.push(`   牵头单位：${lead}`);
        lines.push(`   ${random.chance(0.5) ? '配合单位' : '责任单位'}：${cooperatingList(random, departments, lead)}`);
        if (random.chance(0.4)) lines.push(`   完成时限：${random.pick(DEADLINES)}`);
      }
    }
    lines.push('');
  }
  lines.push('【名词解释】', ...GLOSSARY, '');
  return { name: `tasks-${taskCount}`, tasks: taskCount, text: lines.join('\n') };
}

export function shippedRegistry(): Registry {
  return loadRegistry(readFileSync(REGISTRY_FILE, 'utf8'), 'builtin:liaoning.units.fenjie');
}

/** Writes the documents under bench/generated/ (git-ignored) and returns their paths. */
export function writeGenerated(counts: readonly number[]): string[] {
  mkdirSync(GENERATED_DIR, { recursive: true });
  const registry = shippedRegistry();
  return counts.map((n) => {
    const doc = generateDocument(n, registry);
    const file = path.join(GENERATED_DIR, `${doc.name}.fenjie`);
    writeFileSync(file, doc.text, 'utf8');
    return file;
  });
}

if (require.main === module) {
  const counts = process.argv.slice(2).map(Number).filter((n) => n > 0);
  for (const file of writeGenerated(counts.length ? counts : [1000, 10000])) console.log(file);
}
