/**
 * Build the curated code tables of the study from the research judgements written below and the
 * official China Customs code lists (data/reference/china-customs, shipped with the project):
 *
 *   data/study/technologies.csv   the items of the three batches
 *   data/study/codes.csv          one row per (batch, technology, HS8 code), descriptions and years from the lists
 *   data/study/code-bec.csv       each curated code's HS6 → BEC Rev.4 → end use
 *   data/study/code-bridges.csv   code changes 2015–2025 touching a curated code
 *
 * Deterministic: same reference files → byte-identical CSVs. The committed CSVs are the product;
 * this script documents and reproduces them. Run: `npx tsx scripts/build-code-tables.ts`
 * (add `--check` to compare with the committed files without writing).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toCsv } from '../lib/io/csv.js';
import { projectPath, referenceDir } from '../lib/io/paths.js';
import { codeDescription, codeListIndex, codeListYears, codeYears, hasCodeLists } from '../lib/io/reference.js';
import { BEC_END_USE, CODE_BEC_COLUMNS, CODES_COLUMNS, type CodeRow, type CodeStatus } from '../lib/io/data.js';
import type { Batch } from '../lib/core/types.js';
import { parseCli, parsedOrExit, scriptHelp } from './cli.js';

const SRC_B1 =
  "Science and Technology Daily (科技日报) 2018 chokepoint series, as listed in Naughton & Fang (2025) slide 'Identifying Bottleneck Technologies'; HS8 mapping: this project's curation";
const SRC_M =
  "Naughton & Fang (2025) slides (Medicaments added during validation); HS8 lines: this project's curation (heading 3004 + human-medicine 3002 lines)";
const SRC_B2 =
  "Naughton & Fang (2025) slide 'Advanced Manufacturing 2023' (China Advanced Manufacturing Greenbook 2023)";
const SRC_B3 = 'Press reports of the 2025 customs tariff-exemption list (as summarised in docs/METHOD.md, step 1)';
const SRC_LISTS = 'China Customs HS8 code lists 2015–2025 (reference china-customs/hs8-zh|en-YYYY.csv)';
const SRC_BEC = 'UNSD HS→BEC Rev.4 correspondence (reference unsd-hs-bec/, via insongkim/concordance)';

// ---------------------------------------------------------------------------------------------
// Batch 1: the 35 technologies (slide order) and Medicaments
// ---------------------------------------------------------------------------------------------
interface Tech {
  batch: 1 | 2 | 3;
  id: string;
  zh: string;
  en: string;
  note?: string; // set → has_codes = no unless codes are given
  source: string;
}
const NOGOOD = 'not a good: no customs code';
const T1: Tech[] = [
  ['1', '光刻机', 'lithography machines'],
  ['2', '芯片', 'chips'],
  [
    '3',
    '操作系统',
    'operating systems',
    `${NOGOOD} (software); software on physical media is not separately identifiable in HS8`,
  ],
  ['4', '触觉传感器', 'tactile sensors'],
  ['5', '真空蒸镀机', 'vacuum evaporation machines'],
  ['6', '手机射频器件', 'mobile-phone RF components'],
  ['7', '航空发动机短舱', 'aero-engine nacelles'],
  [
    '8',
    'iCLIP 技术',
    'iCLIP technique',
    `${NOGOOD} (a laboratory technique, crosslinking immunoprecipitation); its reagents have no distinct HS8 line`,
  ],
  ['9', '重型燃气轮机', 'heavy gas turbines'],
  ['10', '激光雷达', 'lidar'],
  [
    '11',
    '适航标准',
    'airworthiness standards',
    `${NOGOOD} (a regulatory standard); the aircraft parts it certifies are covered by items 7 (nacelles) and batch 3`,
  ],
  ['12', '高端电容电阻', 'high-end capacitors and resistors'],
  ['13', '核心工业软件', 'core industrial software', `${NOGOOD} (software)`],
  ['14', 'ITO 靶材', 'ITO targets'],
  ['15', '核心算法', 'core algorithms', `${NOGOOD} (algorithms)`],
  ['16', '航空钢材', 'aviation steel'],
  ['17', '铣刀', 'milling cutters', 'slide text shows 铳刀, an OCR slip for 铣刀 (milling cutter); corrected'],
  ['18', '高端轴承钢', 'high-end bearing steel'],
  ['19', '高压柱塞泵', 'high-pressure piston pumps'],
  ['20', '航空设计软件', 'aviation design software', `${NOGOOD} (software)`],
  ['21', '光刻胶', 'photoresist'],
  ['22', '高压共轨系统', 'high-pressure common-rail systems'],
  ['23', '透射式电镜', 'transmission electron microscopes'],
  ['24', '掘进机主轴承', 'tunnel-boring-machine main bearings'],
  ['25', '微球', 'microspheres'],
  ['26', '水下连接器', 'underwater connectors'],
  ['27', '高端焊接电源', 'high-end welding power sources'],
  [
    '28',
    '锂电池隔膜',
    'lithium-battery separators',
    'slide text shows 钾电池 (potassium), an OCR slip for 锂电池 (lithium); corrected',
  ],
  ['29', '燃料电池关键材料', 'fuel-cell key materials'],
  ['30', '医学影像设备元器件', 'medical-imaging device components'],
  ['31', '数据库管理系统', 'database management systems', `${NOGOOD} (software)`],
  ['32', '环氧树脂', 'epoxy resin'],
  [
    '33',
    '超精密抛光工艺',
    'ultra-precision polishing process',
    `${NOGOOD} (a process); the embodying hardware, wafer chemical-mechanical polishers 84861040, is covered under item 2 (Silicon Processing)`,
  ],
  ['34', '高强度不锈钢', 'high-strength stainless steel'],
  ['35', '扫描电镜', 'scanning electron microscopes'],
].map(([id, zh, en, note]) => ({ batch: 1 as const, id, zh, en, note, source: SRC_B1 }));
T1.push({
  batch: 1,
  id: 'M',
  zh: '药品',
  en: 'Medicaments (added during validation)',
  note: 'pseudo-technology: group 17 was added during validation (top tariff-exempted imports), not one of the 35 items',
  source: SRC_M,
});

/** [tech_id, group_id, codes, rationale] — batch 1 mapping (codes checked against the lists by this script). */
type Spec = [string, number, string[], string];
const B1: Spec[] = [
  [
    '1',
    6,
    ['84862031', '84862039'],
    'step-and-repeat aligners (steppers/scanners) and other pattern-projection apparatus for semiconductors/ICs',
  ],
  ['1', 6, ['84863031', '84863039'], 'steppers and other pattern-projection apparatus for flat-panel displays'],
  [
    '1',
    6,
    ['84864010'],
    'mask and reticle making/repair apparatus (pattern generators), part of the lithography chain',
  ],
  [
    '2',
    2,
    ['85423100', '85423200', '85423300', '85423900'],
    'integrated circuits by HS6 (processors, memories, amplifiers, other), 2015–2016 codes',
  ],
  [
    '2',
    2,
    ['85423111', '85423119', '85423190', '85423210', '85423290', '85423310', '85423390', '85423910', '85423990'],
    'integrated circuits: the 2017 successors of 85423100/200/300/900',
  ],
  [
    '2',
    3,
    ['84861020', '84861030', '84861040', '84861090'],
    'chip front end: boule/wafer grinding, sawing, chemical-mechanical polishing and other wafer-making machines (Silicon Processing)',
  ],
  [
    '2',
    11,
    ['84861010', '84862010', '84863010'],
    'chip front end: thermal processing (crystal pulling by change of temperature; oxidation, diffusion, annealing) (Hot or Cold Process)',
  ],
  [
    '2',
    11,
    ['84862021', '84863021'],
    'chip front end: chemical vapour deposition, a high-temperature process (Hot or Cold Process); not vacuum evaporation (item 5), which is physical',
  ],
  [
    '2',
    8,
    ['84862041', '84862049', '84862050'],
    'chip front end: dry plasma etching, other etching/stripping, ion implantation (Cleanroom Process)',
  ],
  [
    '2',
    8,
    ['84863041', '84863049', '84864031'],
    'wet cleaning/etching/developing for displays and automated material handling in IC fabs (Cleanroom Process)',
  ],
  [
    '4',
    5,
    ['90318090'],
    'tactile (force/touch) sensing instruments fall in measuring or checking instruments n.e.s.; no dedicated line',
  ],
  [
    '5',
    8,
    ['84862022', '84862029'],
    'vacuum evaporation is physical vapour deposition: PVD and other film-deposition equipment for semiconductors/ICs',
  ],
  [
    '5',
    8,
    ['84863022', '84863029'],
    'OLED vacuum evaporators are PVD/other film-deposition equipment for flat-panel displays',
  ],
  [
    '6',
    7,
    ['85416000'],
    'mounted piezo-electric crystals: SAW/BAW filters and resonators of the RF front end (RF amplifier ICs are in group 2)',
  ],
  [
    '6',
    7,
    ['85177030', '85177930'],
    'parts of wireless telephone handsets other than antennas (RF modules); 85177930 is the 2022 successor',
  ],
  [
    '6',
    7,
    ['85177070', '85177100'],
    'antennas and their parts for telephone apparatus; 85177100 is the 2022 successor',
  ],
  [
    '7',
    16,
    ['88033000', '88073000'],
    'nacelles are airframe parts (other parts of aeroplanes); 88073000 is the 2022 successor',
  ],
  ['7', 16, ['84119100'], 'engine-mounted nacelle/cowling parts of turbojets and turbofans'],
  ['9', 4, ['84118200'], 'gas turbines of a power > 5,000 kW (heavy-duty)'],
  ['9', 4, ['84119990'], 'parts of gas turbines other than turbojets/turboprops/turboshafts'],
  ['10', 5, ['90151000'], 'rangefinders, which held lidar until 2022'],
  [
    '10',
    5,
    ['90151010', '90151090'],
    '2023 split of 90151000: lidar (90151010) and other rangefinders (90151090, kept so the series stays continuous)',
  ],
  ['12', 1, ['85322110', '85322190'], 'tantalum capacitors (chip and other)'],
  ['12', 1, ['85322410', '85322490'], 'multilayer ceramic capacitors (MLCC), chip and other'],
  ['12', 1, ['85332110', '85332190'], 'fixed resistors ≤ 20 W, chip and other (thin/thick-film precision resistors)'],
  [
    '14',
    8,
    ['84869091'],
    'sputtering target assemblies with backing plate, the customs line for ITO targets (used in PVD)',
  ],
  [
    '16',
    10,
    ['72284000', '72286000'],
    'alloy-steel bars and rods, forged and n.e.s.: ultra-high-strength aviation steels (landing gear, shafts)',
  ],
  ['17', 10, ['82077010', '82077090'], 'interchangeable milling tools (superhard and other working parts)'],
  [
    '18',
    10,
    ['72283090', '72285000'],
    'alloy-steel bars hot-rolled and cold-finished, the lines for bearing-steel bars (GCr15 etc.)',
  ],
  ['18', 10, ['72283091', '72283099'], '2023 split of 72283090 (circular / non-circular section)'],
  [
    '19',
    9,
    ['84135031', '84136050', '84136060'],
    'hydraulic reciprocating plunger pumps and rotary radial/axial piston pumps',
  ],
  [
    '21',
    12,
    ['37079090'],
    'photoresists are classified as photographic chemical preparations n.e.s. (3707.90); the line also holds other preparations',
  ],
  ['22', 14, ['84133021', '84133029'], 'high-pressure fuel pumps of piston engines (common-rail pumps)'],
  ['22', 14, ['84099991', '84099999'], 'parts of diesel engines: common-rail injectors and rails'],
  ['23', 15, ['90121000', '90129000'], 'electron microscopes (TEM and SEM share the line) and their parts'],
  [
    '24',
    10,
    ['84825000', '84828000'],
    'cylindrical roller and other (combined) rolling bearings: TBM main bearings are large multi-row roller bearings',
  ],
  ['25', 12, ['39069090'], 'polymer (acrylic) microspheres in primary forms'],
  ['25', 12, ['70182000'], 'glass microspheres ≤ 1 mm'],
  ['26', 7, ['85369011', '85369019'], 'connectors for ≤ 1,000 V (underwater connectors have no dedicated line)'],
  [
    '27',
    14,
    ['85153199', '85153900'],
    'arc (incl. plasma-arc) welding machines, automatic and other, where welding power sources are declared',
  ],
  ['28', 13, ['39201010', '39202010'], 'battery separators of polyethylene and polypropylene'],
  ['29', 13, ['38151200'], 'supported precious-metal (platinum) catalysts'],
  [
    '29',
    13,
    ['39046900'],
    'fluoropolymers in primary forms (perfluorosulfonic-acid ionomer for proton-exchange membranes)',
  ],
  [
    '29',
    13,
    ['68151000', '68151900'],
    'non-electrical graphite/carbon articles (gas-diffusion layers, bipolar plates); 68151900 is the main 2022 successor',
  ],
  ['30', 15, ['90181390'], 'parts of MRI apparatus'],
  [
    '30',
    15,
    ['90223000', '90229010', '90229090'],
    'X-ray tubes, X-ray image intensifiers, and parts of X-ray/CT apparatus',
  ],
  ['32', 12, ['39073000'], 'epoxide resins in primary forms'],
  ['34', 10, ['72202020'], 'cold-rolled stainless strip ≤ 0.35 mm (precision high-strength strip)'],
  ['34', 10, ['72221100', '72222000'], 'stainless bars and rods, hot-rolled circular and cold-finished'],
  ['35', 15, ['90121000', '90129000'], 'electron microscopes (TEM and SEM share the line) and their parts'],
];
const MED_3002 = ['30021000', '30021200', '30021300', '30021400', '30021500', '30021900', '30022000', '30024100'];

// ---------------------------------------------------------------------------------------------
// Batch 2: the slide 'Advanced Manufacturing 2023'
// ---------------------------------------------------------------------------------------------
/** [slide code, slide label, group, rationale, extra codes (pre-split/successors) with their rationale] */
const B2: [string, string, number, string, [string, string][]][] = [
  [
    '84561100',
    'Machine-tools operated by laser process',
    11,
    'laser material processing is a thermal (hot) process',
    [
      [
        '84561000',
        'pre-2017 line (laser/light/photon-beam machine tools), split into 84561100/84561200 in 2017; the slide says "pre-2022"',
      ],
    ],
  ],
  ['84799010', 'Assembly equipment for aerospace manufacturing', 16, 'assigned by the slide label (aerospace)', []],
  ['84798999', 'Manufacturing equipment for ships and marine engineering', 11, 'manufacturing machinery n.e.s.', []],
  ['84679910', 'High-speed, high-power electric spindles', 11, 'machine-tool component (slide label)', []],
  ['84669390', 'Milling heads with direct-drive mechanisms', 11, 'machine-tool parts (headings 8456–8461)', []],
  ['90262090', 'Pressure sensors for ultra-high-pressure applications', 5, 'measuring instrument', []],
  ['85158090', 'Welding heads for alloy friction stir applications', 11, 'welding (hot process) machinery', []],
  [
    '84775900',
    'Heads for weaving, filament, and tape placement',
    11,
    'plastics forming machinery n.e.s.',
    [['84775990', '2015–2021 line, renumbered 84775900 in 2022 (the slide says "pre-2022")']],
  ],
  [
    '84775910',
    '3D printers',
    11,
    'additive manufacturing machinery',
    [
      [
        '84852000',
        'HS2022 successor of 84775910: additive-manufacturing machines using plastics or rubber (heading 8485 from 2022); not on the slide',
      ],
    ],
  ],
  ['85158010', 'Heads for intelligent laser welding', 11, 'laser welding (hot process) machinery', []],
  ['84141000', 'Vacuum systems for industrial processes', 9, 'vacuum pumps are fluid-handling equipment', []],
  ['84821010', 'Spindle bearings for high-performance machine tools', 10, 'ball bearings', []],
  ['84821020', 'Bearings for screw pairs', 10, 'ball bearings', []],
  ['84821030', 'Bearings for turntables', 10, 'ball bearings', []],
  ['84662000', 'Precision guide rails and screws', 11, 'machine-tool accessories', []],
  ['85159000', 'Generators for high-power lasers', 11, 'parts of welding/laser-processing machines (heading 8515)', []],
  ['84669400', 'Molds with ultra-precision specifications', 11, 'parts of metal-forming machines', []],
  ['90319000', 'Encoders for high-precision measurements', 5, 'parts of measuring instruments', []],
  ['90271000', 'Sensors for high-temperature zirconia oxygen measurement', 5, 'gas-analysis instrument', []],
];

/** How well each slide label fits the official description of its code (this project's reading). */
const B2_FIT: Record<string, string> = {
  '84561100': 'consistent',
  '84799010': 'MISMATCH: the official line is parts of ships’ steering gear/gyrostabilisers',
  '84798999': 'broad: machines n.e.s. basket',
  '84679910': 'MISMATCH: the official line is parts of electric hand tools, not machine-tool spindles',
  '84669390': 'broad: parts/accessories of machine tools 8456–8461',
  '90262090': 'broad: pressure instruments n.e.s.',
  '85158090': 'broad: welding machines n.e.s.',
  '84775900': 'broad: plastics/rubber forming machines n.e.s.',
  '84775910': 'consistent, but the line exists only 2015–2021 (3D printers moved to heading 8485 in 2022)',
  '85158010': 'broad: laser-welding robots (heads are their components)',
  '84141000': 'consistent',
  '84821010': 'WEAK: self-aligning ball bearings; machine-tool spindle bearings are mostly angular-contact',
  '84821020': 'WEAK: deep-groove ball bearings; screw-support bearings are mostly angular-contact thrust bearings',
  '84821030': 'WEAK: angular-contact ball bearings; turntable bearings are mostly crossed-roller/slewing bearings',
  '84662000': 'MISMATCH: the official line is work holders, not guide rails or screws',
  '85159000': 'MISMATCH: the official line is parts of welding/cutting machines; lasers themselves are 9013',
  '84669400': 'broad: parts of metal-forming machines 8462/8463 (moulds proper are heading 8480)',
  '90319000': 'broad: parts of measuring instruments (encoders plausible)',
  '90271000': 'consistent: zirconia oxygen analysers are gas analysers',
};

// ---------------------------------------------------------------------------------------------
// Batch 3: the 2025 tariff-exemption list as reported
// ---------------------------------------------------------------------------------------------
const T3: Tech[] = [
  {
    batch: 3,
    id: 'B3-01',
    zh: '集成电路（非存储器）',
    en: 'integrated circuits under HS6 854231, 854233, 854239',
    source: SRC_B3,
  },
  {
    batch: 3,
    id: 'B3-02',
    zh: '存储器',
    en: 'memories (HS6 854232)',
    note: 'reported as NOT exempt: no codes in batch 3 (kept so the exclusion is visible)',
    source: SRC_B3,
  },
  {
    batch: 3,
    id: 'B3-03',
    zh: '药品',
    en: 'medicaments',
    note: "category named in reports; the HS8 lines are this project's heading-level expansion (3004 and human-medicine 3002 lines), not the list's own lines",
    source: SRC_B3,
  },
  {
    batch: 3,
    id: 'B3-04',
    zh: '航空器零件',
    en: 'aircraft parts',
    note: "category named in reports; HS8 lines are this project's expansion to the aircraft-parts lines 8803.10–30 (8807 from 2022)",
    source: SRC_B3,
  },
  {
    batch: 3,
    id: 'B3-05',
    zh: '半导体设备',
    en: 'semiconductor manufacturing equipment',
    note: "category named in reports; HS8 lines are this project's expansion to the machine lines of heading 8486 (parts 848690 excluded)",
    source: SRC_B3,
  },
];
const B3_AIR = ['88031000', '88032000', '88033000', '88071000', '88072000', '88073000'];
/** groups of 8486 lines not curated in batch 1 (batch 3 only) */
const B3_SEMI_EXTRA: Record<string, number> = {
  '84862090': 8,
  '84863090': 8,
  '84864021': 11,
  '84864022': 11,
  '84864029': 11,
  '84864039': 3,
};

// ---------------------------------------------------------------------------------------------
/** A row of data/study/codes.csv as this script writes it: the library's CodeRow. */
type CodeOut = CodeRow;

const COMMAND = 'npx tsx scripts/build-code-tables.ts';

/**
 * The command line of this script: `--check` (compare with the committed tables instead of writing).
 * @throws {UsageError} for an unknown option or a positional argument
 */
export function parseBuildArgs(argv: string[]): { help: true } | { help: false; check: boolean } {
  const cli = parseCli(COMMAND, argv, { options: { check: { type: 'boolean', default: false } } });
  return cli.help ? cli : { help: false, check: cli.values.check };
}

function main(): void {
  const args = parsedOrExit(() => parseBuildArgs(process.argv.slice(2)));
  if (args.help) {
    console.log(scriptHelp(__filename));
    return;
  }
  if (!hasCodeLists())
    throw new Error(
      'build-code-tables: the reference folder has no code lists (data/reference/china-customs); cannot build',
    );
  const ref = referenceDir();
  const out: CodeOut[] = [];
  const problems: string[] = [];
  const add = (
    batch: Batch,
    tech_id: string,
    code: string,
    group_id: number,
    status: CodeStatus,
    rationale: string,
    source: string,
  ): void => {
    const ys = codeYears(code);
    if (ys.length === 0) {
      problems.push(`${code} (batch ${batch}, ${tech_id}) is in no code list 2015–2025`);
      return;
    }
    const first = ys[0];
    const last = ys[ys.length - 1];
    let note = rationale;
    if (ys.length !== last - first + 1) note += ` [gaps: present ${ys.join(' ')}]`;
    const zh = codeDescription(code, 'zh');
    const en = codeDescription(code, 'en');
    out.push({
      batch,
      tech_id,
      code,
      group_id,
      desc_zh: zh?.description ?? '',
      desc_en: en?.description ?? '',
      first_year: first,
      last_year: last,
      status,
      rationale: note,
      source,
    });
  };

  // batch 1
  for (const [id, g, codes, why] of B1)
    for (const c of codes)
      add(
        1,
        id,
        c,
        g,
        'curated',
        why + (id === '23' || id === '35' ? '; the line embodies both items 23 and 35' : ''),
        SRC_B1,
      );
  const meds = medicamentCodes();
  for (const c of meds)
    add(
      1,
      'M',
      c,
      17,
      'curated',
      c.startsWith('3004')
        ? 'heading 3004: medicaments in measured doses or retail packings (every line of the heading)'
        : 'heading 3002: human-medicine immunological products, blood fractions and vaccines',
      SRC_M,
    );

  // batch 2
  B2.forEach(([code, label, g, why, extra], k) => {
    const id = `B2-${String(k + 1).padStart(2, '0')}`;
    const official = codeDescription(code, 'en')?.description ?? '';
    add(
      2,
      id,
      code,
      g,
      'printed',
      `slide label "${label}"; official line: "${official}"; label vs line: ${B2_FIT[code]}; group: ${why}`,
      SRC_B2,
    );
    for (const [c, w] of extra) add(2, id, c, g, 'curated', `bridge row for slide code ${code}: ${w}`, SRC_B2);
  });

  // batch 3
  const b1group = new Map<string, number>();
  for (const r of out) if (r.batch === 1) b1group.set(r.code, r.group_id);
  const ic = [
    '85423100',
    '85423300',
    '85423900',
    ...[...codeListIndex(2025, 'zh').keys()].filter((c) => /^8542(31|33|39)/.test(c)),
  ];
  for (const c of ic)
    add(
      3,
      'B3-01',
      c,
      2,
      'reported',
      c.endsWith('00')
        ? 'pre-2017 line of the same HS6, for 2015–2016 coverage'
        : 'HS8 line of the 2025 list under a reported HS6 (854231/854233/854239)',
      SRC_B3,
    );
  for (const c of meds)
    add(
      3,
      'B3-03',
      c,
      17,
      'reported',
      "reported category (medicaments); heading-level expansion by this project, not the list's own lines",
      SRC_B3,
    );
  for (const c of B3_AIR)
    add(
      3,
      'B3-04',
      c,
      16,
      'reported',
      'reported category (aircraft parts); expansion by this project to the aircraft-parts lines',
      SRC_B3,
    );
  const semi = [...new Set(codeListYears('zh').flatMap((y) => [...codeListIndex(y, 'zh').keys()]))]
    .filter((c) => c.startsWith('8486') && !c.startsWith('848690'))
    .sort();
  for (const c of semi) {
    const g = b1group.get(c) ?? B3_SEMI_EXTRA[c];
    if (g === undefined) {
      problems.push(`no group for batch-3 semiconductor line ${c}`);
      continue;
    }
    add(
      3,
      'B3-05',
      c,
      g,
      'reported',
      'reported category (semiconductor equipment); expansion by this project to the machine lines of heading 8486; group as in batch 1 where curated there',
      SRC_B3,
    );
  }

  // technologies
  const t2: Tech[] = B2.map(([code, label], k) => ({
    batch: 2 as const,
    id: `B2-${String(k + 1).padStart(2, '0')}`,
    zh: '',
    en: label,
    note: `slide code ${code}; label vs official line: ${B2_FIT[code]}`,
    source: SRC_B2,
  }));
  const techs = [...T1, ...t2, ...T3];
  const techRows = techs.map((t) => {
    const has = out.some((r) => r.batch === t.batch && r.tech_id === t.id);
    return {
      batch: t.batch,
      tech_id: t.id,
      name_zh: t.zh,
      name_en: t.en,
      has_codes: has ? 'yes' : 'no',
      note: t.note ?? '',
      source: t.source,
    };
  });

  // checks: one group per code within a batch
  const seen = new Map<string, number>();
  for (const r of out) {
    const k = `${r.batch}|${r.code}`;
    const g = seen.get(k);
    if (g !== undefined && g !== r.group_id)
      problems.push(`code ${r.code} in groups ${g} and ${r.group_id} within batch ${r.batch}`);
    seen.set(k, r.group_id);
  }
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }

  const curated = [...new Set(out.map((r) => r.code))].sort();
  const bec = curated.map((c) => becRow(c, ref, out.find((r) => r.code === c) as CodeOut));
  const bridges = deriveBridges(curated);

  const files: [string, string][] = [
    ['technologies.csv', toCsv(techRows, ['batch', 'tech_id', 'name_zh', 'name_en', 'has_codes', 'note', 'source'])],
    ['codes.csv', toCsv(out as unknown as Record<string, unknown>[], [...CODES_COLUMNS])],
    ['code-bec.csv', toCsv(bec as unknown as Record<string, unknown>[], [...CODE_BEC_COLUMNS])],
    [
      'code-bridges.csv',
      toCsv(bridges as unknown as Record<string, unknown>[], [
        'old_code',
        'new_code',
        'year_changed',
        'kind',
        'note',
        'source',
      ]),
    ],
  ];
  const { check } = args;
  let differ = 0;
  for (const [name, text] of files) {
    const file = projectPath('data', 'study', name);
    if (check) {
      const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      if (old !== text) {
        console.error(`${name}: differs from a fresh build`);
        differ++;
      }
    } else fs.writeFileSync(file, text);
  }
  const b1 = out.filter((r) => r.batch === 1 && r.tech_id !== 'M');
  console.log(
    `codes.csv: ${out.length} rows; distinct codes batch 1 (35 items) ${new Set(b1.map((r) => r.code)).size}, ` +
      `of which in the 2018 list ${new Set(b1.filter((r) => r.first_year <= 2018 && r.last_year >= 2018).map((r) => r.code)).size}; ` +
      `medicaments ${meds.length}; batch 2 ${new Set(out.filter((r) => r.batch === 2).map((r) => r.code)).size}; batch 3 ${new Set(out.filter((r) => r.batch === 3).map((r) => r.code)).size}; bridges ${bridges.length}`,
  );
  if (check && differ) process.exit(1);
}

function medicamentCodes(): string[] {
  const all = new Set<string>();
  for (const y of codeListYears('zh'))
    for (const c of codeListIndex(y, 'zh').keys()) if (c.startsWith('3004')) all.add(c);
  return [...[...all].sort(), ...MED_3002];
}

// --- HS6 → BEC ------------------------------------------------------------------------------
function readPairs(file: string): [string, string, string][] {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [a, b, c] = l.split(',');
      return [a.trim(), (b ?? '').trim(), (c ?? '').trim()];
    });
}
let becTables: Record<string, Map<string, { bec: string; rel: string }[]>> | undefined;
let toHs2012: Record<string, Map<string, string[]>> | undefined;
function loadBecTables(ref: string): void {
  if (becTables) return;
  becTables = {};
  toHs2012 = {};
  for (const v of ['2012', '2017', '2022']) {
    const m = new Map<string, { bec: string; rel: string }[]>();
    for (const [hs, bec, rel] of readPairs(path.join(ref, 'unsd-hs-bec', `hs${v}-to-bec4.csv`))) {
      const list = m.get(hs) ?? [];
      list.push({ bec, rel });
      m.set(hs, list);
    }
    becTables[v] = m;
  }
  for (const v of ['2017', '2022']) {
    const m = new Map<string, string[]>();
    for (const [a, b] of readPairs(path.join(ref, 'unsd-hs-bec', `hs${v}-to-hs2012.csv`)))
      m.set(a, [...(m.get(a) ?? []), b]);
    toHs2012[v] = m;
  }
}
function vintageOf(year: number): string {
  return year <= 2016 ? '2012' : year <= 2021 ? '2017' : '2022';
}
function pick(becs: string[]): { bec: string; how: string } {
  const uniq = [...new Set(becs)].sort((a, b) => Number(a) - Number(b));
  if (uniq.length === 1) return { bec: uniq[0], how: '' };
  const inter = uniq.filter((b) => BEC_END_USE[b] === 'intermediate');
  if (inter.length) return { bec: inter[0], how: ` n:n (${uniq.join('/')}) → R3 lowest-numbered intermediate BEC` };
  return { bec: uniq[0], how: ` n:n (${uniq.join('/')}) → R3 lowest-numbered BEC` };
}
function becRow(code: string, ref: string, r: CodeOut): Record<string, string> {
  loadBecTables(ref);
  const hs6 = code.slice(0, 6);
  const t12 = (becTables as Record<string, Map<string, { bec: string; rel: string }[]>>)['2012'];
  const own = vintageOf(r.first_year);
  let vintage = 'HS2012';
  let rows = t12.get(hs6);
  let rule = 'R1: HS6 exists in HS2012 → HS2012 table';
  if (!rows && own !== '2012') {
    const eq = (toHs2012 as Record<string, Map<string, string[]>>)[own].get(hs6) ?? [];
    const viaRows = eq.flatMap((h) => t12.get(h) ?? []);
    if (viaRows.length) {
      rows = viaRows;
      rule = `R2: HS${own} ${hs6} → HS2012 ${[...new Set(eq)].join('/')} (UNSD HS${own}→HS2012 bridge) → HS2012 table`;
    }
  }
  if (!rows) {
    vintage = `HS${own}`;
    rows = (becTables as Record<string, Map<string, { bec: string; rel: string }[]>>)[own].get(hs6);
    rule = `R2b: HS${own} table of the code's first year`;
  }
  if (!rows || rows.length === 0) throw new Error(`no BEC mapping for ${code}`);
  const p = pick(rows.map((x) => x.bec));
  const rel = [...new Set(rows.map((x) => x.rel))].join('; ');
  return {
    code,
    hs6,
    hs_vintage: vintage,
    bec4: p.bec,
    end_use: BEC_END_USE[p.bec],
    relationship: rel,
    rule: rule + p.how,
    source: SRC_BEC,
  };
}

// --- bridges -------------------------------------------------------------------------------
/**
 * Manual corrections to the derived links: `only` replaces the derived successors of `old` (used where
 * the HS6-level revision tables give n:n links but the national lines match one to one by description).
 */
const MANUAL: { old: string; only?: string[]; note?: string }[] = [
  {
    old: '84775910',
    only: ['84852000'],
    note: 'HS2022 moved 3D printers to new heading 8485; the plastics/rubber line 84852000 is the successor (UNSD HS2022→HS2017 bridge: 848520 ← 847780); not 84775900',
  },
  { old: '84775990', only: ['84775900'], note: 'the slide says 84775990 "pre-2022"; the lists agree (last year 2021)' },
  {
    old: '84561000',
    note: 'the slide says "84561000 pre-2022"; the code lists show the change in 2017 (84561000 last in 2016): we use 2017',
  },
  { old: '85177030', only: ['85177930'], note: 'handset parts other than antennas: same description' },
  { old: '85177070', only: ['85177100'], note: 'antennas and their parts: same scope' },
  { old: '85177010', only: ['85177910'] },
  { old: '85177020', only: ['85177920'] },
  { old: '85177040', only: ['85177940'] },
  { old: '85177060', only: ['85177950'] },
  { old: '85177090', only: ['85177990'] },
  {
    old: '30044010',
    only: ['30046090'],
    note: 'quinine medicaments are antimalarials: HS2017 subheading 300460 (30046090 also takes other antimalarials from 30049090)',
  },
  {
    old: '30044090',
    only: ['30044100', '30044200', '30044300', '30044900'],
    note: 'HS2017 split of alkaloid medicaments (ephedrines separated)',
  },
  { old: '30049060', only: ['30046010'], note: 'artemisinin medicaments: same scope, new HS6 300460' },
  { old: '88031000', only: ['88071000'] },
  { old: '88032000', only: ['88072000'] },
  { old: '88033000', only: ['88073000'] },
];

/** HS revision years and their new→old HS6 tables. */
function revisionTable(year: number): Map<string, string[]> | undefined {
  const ref = referenceDir();
  const file = year === 2017 ? 'hs2017-to-hs2012.csv' : year === 2022 ? 'hs2022-to-hs2017.csv' : undefined;
  if (!file) return undefined;
  const m = new Map<string, string[]>();
  for (const [a, b] of readPairs(path.join(ref, 'unsd-hs-bec', file))) m.set(a, [...(m.get(a) ?? []), b]);
  return m;
}

/**
 * Derive code changes: a code that leaves the lists in year y is linked to the codes that enter in y with
 * the same HS6, or (in the HS revision years 2017 and 2022) whose HS6 the UNSD revision table traces to
 * the old code's HS6. Links touching a curated code are kept; MANUAL corrects the few n:n artefacts.
 */
function deriveBridges(curated: string[]): Record<string, string | number>[] {
  const years = codeListYears('zh');
  const sets = new Map(years.map((y) => [y, new Set(codeListIndex(y, 'zh').keys())]));
  const cur = new Set(curated);
  const links = new Map<string, { old: string; neu: string; year: number; note: string }>();
  const addLink = (old: string, neu: string, year: number, note: string): void => {
    links.set(`${old}>${neu}`, { old, neu, year, note });
  };
  for (let k = 1; k < years.length; k++) {
    const y = years[k];
    const prev = sets.get(years[k - 1]) as Set<string>;
    const now = sets.get(y) as Set<string>;
    const rev = revisionTable(y);
    const gone = [...prev].filter((c) => !now.has(c));
    const born = [...now].filter((c) => !prev.has(c));
    for (const o of gone) {
      const h = o.slice(0, 6);
      const succ = born.filter((n) => n.slice(0, 6) === h || (rev?.get(n.slice(0, 6)) ?? []).includes(h));
      for (const n of succ)
        if (cur.has(o) || cur.has(n))
          addLink(
            o,
            n,
            y,
            rev && n.slice(0, 6) !== h ? `HS${y} revision: ${n.slice(0, 6)} traced to ${h} (UNSD table)` : '',
          );
    }
  }
  for (const m of MANUAL) {
    const mine = [...links.values()].filter((l) => l.old === m.old);
    if (m.only) {
      const year = mine[0]?.year ?? (years.filter((y) => (sets.get(y) as Set<string>).has(m.old)).pop() as number) + 1;
      for (const l of mine) links.delete(`${l.old}>${l.neu}`);
      for (const a of m.only) addLink(m.old, a, year, '');
    }
    for (const l of links.values()) if (l.old === m.old && m.note) l.note = [m.note, l.note].filter(Boolean).join('; ');
  }
  for (const [k, l] of links) if (!cur.has(l.old) && !cur.has(l.neu)) links.delete(k);
  const list = [...links.values()].sort((a, b) => (a.old + a.neu < b.old + b.neu ? -1 : 1));
  const outDeg = new Map<string, number>();
  const inDeg = new Map<string, number>();
  for (const l of list) {
    outDeg.set(l.old, (outDeg.get(l.old) ?? 0) + 1);
    inDeg.set(l.neu, (inDeg.get(l.neu) ?? 0) + 1);
  }
  return list.map((l) => {
    const o = outDeg.get(l.old) as number;
    const i = inDeg.get(l.neu) as number;
    const kind = o === 1 && i === 1 ? 'rename' : o === 1 && i > 1 ? 'merge' : 'split';
    const flags: string[] = [];
    if (!cur.has(l.old)) flags.push('old code not curated');
    if (!cur.has(l.neu)) flags.push('successor not curated');
    if (o > 1 && i > 1) flags.push('n:n');
    const note = [l.note, ...flags].filter(Boolean).join('; ');
    return { old_code: l.old, new_code: l.neu, year_changed: l.year, kind, note, source: SRC_LISTS };
  });
}

if (require.main === module) main();
