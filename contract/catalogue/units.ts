// The units an item is sold in, each with its GST unit quantity code (UQC) for the GSTR-1 summary,
// and whether it is weighed or measured (quantities to three decimals) or counted (whole units).
// Pure TypeScript: used by the renderer and the backend alike.

export const UNITS = ['piece', 'kg', 'g', 'litre', 'ml', 'metre', 'box', 'pack', 'dozen', 'pair'] as const;
export type Unit = (typeof UNITS)[number];

interface UnitFacts {
  /** GST unit quantity code, as GSTR-1 Table 12 asks. */
  uqc: string;
  /** Weighed or measured: the quantity may have up to three decimals (0.750 kg). */
  measured: boolean;
}

export const UNIT_FACTS: Record<Unit, UnitFacts> = {
  piece: { uqc: 'NOS', measured: false },
  kg: { uqc: 'KGS', measured: true },
  g: { uqc: 'GMS', measured: true },
  litre: { uqc: 'LTR', measured: true },
  ml: { uqc: 'MLT', measured: true },
  metre: { uqc: 'MTR', measured: true },
  box: { uqc: 'BOX', measured: false },
  pack: { uqc: 'PAC', measured: false },
  dozen: { uqc: 'DOZ', measured: false },
  pair: { uqc: 'PRS', measured: false },
};

/** Words a spreadsheet or Tally export uses for a unit, lower case, mapped to ours. */
const UNIT_WORDS: Record<string, Unit> = {
  piece: 'piece', pieces: 'piece', pcs: 'piece', pc: 'piece', nos: 'piece', no: 'piece', unit: 'piece', units: 'piece', each: 'piece', ea: 'piece',
  kg: 'kg', kgs: 'kg', kilogram: 'kg', kilograms: 'kg',
  g: 'g', gm: 'g', gms: 'g', gram: 'g', grams: 'g',
  litre: 'litre', litres: 'litre', liter: 'litre', liters: 'litre', l: 'litre', ltr: 'litre',
  ml: 'ml', mlt: 'ml', millilitre: 'ml', milliliter: 'ml',
  metre: 'metre', metres: 'metre', meter: 'metre', meters: 'metre', m: 'metre', mtr: 'metre',
  box: 'box', boxes: 'box',
  pack: 'pack', packs: 'pack', pac: 'pack', packet: 'pack', pkt: 'pack',
  dozen: 'dozen', doz: 'dozen',
  pair: 'pair', pairs: 'pair', prs: 'pair',
};

/** A unit as written in an imported file ("Nos", "KGS", "litre"), or undefined when it is none we know. */
export function unitFromWord(word: string): Unit | undefined {
  return UNIT_WORDS[word.trim().toLowerCase()];
}
