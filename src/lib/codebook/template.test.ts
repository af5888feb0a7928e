import { describe, expect, it } from 'vitest';
import { CODEBOOK_TEMPLATE, flattenTemplate } from './template';
import { descendants, pathOf } from './tree';

/** WCAG 2.x relative luminance of '#rrggbb'. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
/** CIELAB (D65) of '#rrggbb'. */
function lab(hex: string): [number, number, number] {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}
/** Mixes `hex` with white: a tint with `alpha` of the colour. */
function tint(hex: string, alpha: number): string {
  return '#' + [1, 3, 5].map((i) => Math.round(parseInt(hex.slice(i, i + 2), 16) * alpha + 255 * (1 - alpha)).toString(16).padStart(2, '0')).join('');
}

const nodes = flattenTemplate();

describe('codebook template', () => {
  it('has the two roots with the agreed children, in order', () => {
    expect(CODEBOOK_TEMPLATE.map((c) => c.name)).toEqual(['Type', "Thema's"]);
    expect(CODEBOOK_TEMPLATE[0].children!.map((c) => c.name)).toEqual(['Goede praktijk', 'Knelpunt', 'Verbeterpunt', 'Oplossingsrichting']);
    expect(CODEBOOK_TEMPLATE[1].children!.map((c) => c.name)).toEqual([
      'Contact en omgang',
      'Communicatie met ouders',
      'Participatie van het kind',
      'Hulp aan ouders tijdens plaatsing',
      'Wachtlijsten en beschikbaarheid',
      'Rechtsbescherming en procedure',
      'Spoedplaatsing',
      'Overplaatsingen en stabiliteit',
      'Perspectiefbesluit en aanvaardbare termijn',
      'Terugplaatsingsproces',
      'Nazorg',
      'Trauma',
      'Broers en zussen',
      'Pleegouders',
      'Werkdruk professionals',
    ]);
    expect(nodes).toHaveLength(21);
  });

  it('gives every code a capitalised Dutch name, an English name, a description and a unique key', () => {
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
    expect(new Set(nodes.map((n) => n.name.toLowerCase())).size).toBe(nodes.length);
    expect(new Set(nodes.map((n) => n.nameEn.toLowerCase())).size).toBe(nodes.length);
    for (const n of nodes) {
      expect(n.name[0]).toBe(n.name[0].toUpperCase());
      expect(n.nameEn[0]).toBe(n.nameEn[0].toUpperCase());
      expect(n.description.length).toBeGreaterThan(40);
      expect(n.description.length).toBeLessThan(400);
      expect(n.description).toMatch(/\.$/);
      expect(n.id).toMatch(/^[a-z_]+(\.[a-z_]+)?$/);
    }
  });

  it('says that the acceptable time frame is an open norm, not a fixed number of months', () => {
    const d = nodes.find((n) => n.id === 'themas.perspectiefbesluit')!.description;
    expect(d).toContain('open norm');
    expect(d).toContain('geen vast aantal maanden');
    expect(d).not.toMatch(/\d/);
  });

  it('uses colours readable with dark text (#1a1a1a): contrast ≥ 4.5, also on lighter tints', () => {
    for (const n of nodes) {
      expect(n.color).toMatch(/^#[0-9a-f]{6}$/);
      for (const alpha of [1, 0.6, 0.3]) {
        const c = contrast(tint(n.color, alpha), '#1a1a1a');
        expect(c, `${n.name} ${n.color} at ${alpha}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('uses distinct colours (CIELAB ΔE ≥ 15 between any two codes)', () => {
    let min = Infinity;
    let pair = '';
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const [a, b] = [lab(nodes[i].color), lab(nodes[j].color)];
        const d = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
        if (d < min) [min, pair] = [d, `${nodes[i].name} / ${nodes[j].name}`];
      }
    }
    expect(min, pair).toBeGreaterThanOrEqual(15);
  });

  it('flattens parents before children, with positions, and works with the tree operations', () => {
    const seen = new Set<string | null>([null]);
    for (const n of nodes) {
      expect(seen.has(n.parentId)).toBe(true);
      seen.add(n.id);
    }
    expect(nodes.filter((n) => n.parentId === 'type').map((n) => n.position)).toEqual([0, 1, 2, 3]);
    expect(descendants(nodes, 'themas')).toHaveLength(15);
    expect(pathOf(nodes, 'themas.nazorg').map((n) => n.name)).toEqual(["Thema's", 'Nazorg']);
  });
});
