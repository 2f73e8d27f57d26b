// A small force-directed layout, written by hand: nodes repel each other (Coulomb, O(n^2), fine for
// a few hundred nodes), links pull like springs, and a weak gravity keeps everything centred.  It
// runs a fixed number of steps from positions seeded deterministically, so the same data always
// gives the same picture.
//   nodes: [{r}], links: [{source: index, target: index, length, strength}]
//   returns the nodes with x, y set, inside [0, width] x [0, height].
export function layout(nodes, links, { width, height, steps = 300 } = {}) {
  const n = nodes.length;
  // Seed on a spiral (deterministic, spread out).
  nodes.forEach((node, i) => {
    const a = i * 2.399963;  // golden angle
    const d = 10 * Math.sqrt(i + 1);
    node.x = width / 2 + d * Math.cos(a);
    node.y = height / 2 + d * Math.sin(a);
    node.vx = 0;
    node.vy = 0;
  });
  const repulsion = 900;
  for (let step = 0; step < steps; step++) {
    const cooling = 1 - step / steps;
    for (let i = 0; i < n; i++) {
      const a = nodes[i];
      for (let j = i + 1; j < n; j++) {
        const b = nodes[j];
        let dx = a.x - b.x;
        let dy = a.y - b.y;
        let d2 = dx * dx + dy * dy;
        if (d2 < 0.01) { dx = 0.1 * ((i % 7) - 3); dy = 0.1; d2 = dx * dx + dy * dy; }
        const minD = (a.r ?? 4) + (b.r ?? 4) + 2;
        const f = repulsion / d2 + (d2 < minD * minD ? 2 : 0);
        const d = Math.sqrt(d2);
        a.vx += (f * dx) / d; a.vy += (f * dy) / d;
        b.vx -= (f * dx) / d; b.vy -= (f * dy) / d;
      }
    }
    for (const l of links) {
      const a = nodes[l.source];
      const b = nodes[l.target];
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 0.01;
      const f = (l.strength ?? 0.05) * (d - (l.length ?? 30));
      a.vx += (f * dx) / d; a.vy += (f * dy) / d;
      b.vx -= (f * dx) / d; b.vy -= (f * dy) / d;
    }
    for (const node of nodes) {
      node.vx += (width / 2 - node.x) * 0.005;
      node.vy += (height / 2 - node.y) * 0.005;
      const limit = 12 * cooling + 0.5;
      const speed = Math.hypot(node.vx, node.vy);
      if (speed > limit) { node.vx *= limit / speed; node.vy *= limit / speed; }
      node.x += node.vx;
      node.y += node.vy;
      node.vx *= 0.5;
      node.vy *= 0.5;
    }
  }
  fit(nodes, width, height);
  return nodes;
}

// Scales and shifts the layout to fill the box with a margin.
function fit(nodes, width, height) {
  if (nodes.length === 0) return;
  const margin = 24;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of nodes) {
    x0 = Math.min(x0, p.x); y0 = Math.min(y0, p.y); x1 = Math.max(x1, p.x); y1 = Math.max(y1, p.y);
  }
  const s = Math.min((width - 2 * margin) / Math.max(1, x1 - x0), (height - 2 * margin) / Math.max(1, y1 - y0), 3);
  const ox = (width - s * (x1 - x0)) / 2;
  const oy = (height - s * (y1 - y0)) / 2;
  for (const p of nodes) {
    p.x = ox + s * (p.x - x0);
    p.y = oy + s * (p.y - y0);
  }
}
