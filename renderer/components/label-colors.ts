/**
 * One color per label, the same on every screen: green for the "all good" labels, red for
 * the "problem" labels, and a calm neutral palette (picked by the label's name, so it never
 * changes between screens or sessions) for everything else.
 */
export interface LabelColor {
  /** Solid fill (chips of reviewed photos, chart bars). */
  solid: string;
  /** Text on the solid fill. */
  onSolid: string;
  /** Pale tint (model-only predictions, table cells). */
  soft: string;
  /** Text on the tint. */
  onSoft: string;
}

const GOOD = /^(clear|clean|ok|okay|good|pass|passed|normal|limpo|livre|desobstru[ií]do|bom)$/i;
const BAD =
  /^(clogged|obstructed|blocked|fail|failed|defect|defective|bad|dirty|entupido|obstru[ií]do|bloqueado|sujo|ruim)$/i;

const green: LabelColor = {
  solid: '#1b7a3a',
  onSolid: '#ffffff',
  soft: '#dcf1e2',
  onSoft: '#0f4d23',
};
const red: LabelColor = {
  solid: '#b3261e',
  onSolid: '#ffffff',
  soft: '#f9dedc',
  onSoft: '#7a1712',
};
const neutral: LabelColor[] = [
  { solid: '#2b5ea7', onSolid: '#ffffff', soft: '#dce7f7', onSoft: '#173a6b' },
  { solid: '#8a5a00', onSolid: '#ffffff', soft: '#f6e7c8', onSoft: '#5a3a00' },
  { solid: '#6a4c9c', onSolid: '#ffffff', soft: '#e8e0f4', onSoft: '#3f2a63' },
  { solid: '#1f6f73', onSolid: '#ffffff', soft: '#d6eeee', onSoft: '#114346' },
  { solid: '#5b6470', onSolid: '#ffffff', soft: '#e4e7eb', onSoft: '#2f353d' },
  { solid: '#9c3f72', onSolid: '#ffffff', soft: '#f5dcea', onSoft: '#5f2444' },
];
/** A photo nobody (and no model) has labeled yet. */
export const unlabeledColor: LabelColor = {
  solid: '#7b8088',
  onSolid: '#ffffff',
  soft: '#eceef1',
  onSoft: '#3b4048',
};

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h;
}

export function labelColor(label: string | null): LabelColor {
  if (label === null) return unlabeledColor;
  const name = label.trim();
  if (GOOD.test(name)) return green;
  if (BAD.test(name)) return red;
  return neutral[hash(name.toLowerCase()) % neutral.length] ?? unlabeledColor;
}
