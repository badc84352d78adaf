/** The report's CSS. Views only rearrange the same three images, so each image is embedded once. */
export const reportStyle = `
:root { color-scheme: light dark; --accent: #6c5fc7; --line: #8884; font: 14px/1.45 system-ui, sans-serif; }
body { margin: 0; }
header { position: sticky; top: 0; z-index: 2; padding: 12px 20px; background: Canvas; border-bottom: 1px solid var(--line); }
h1 { margin: 0 0 4px; font-size: 20px; }
.subtitle, .summary { margin: 0 0 8px; opacity: .8; }
.toolbar { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
.toolbar [role=group] { display: flex; gap: 4px; }
button { font: inherit; padding: 4px 10px; border: 1px solid var(--line); border-radius: 6px; background: transparent; color: inherit; cursor: pointer; }
button[aria-pressed=true] { background: var(--accent); border-color: var(--accent); color: #fff; }
input[type=search] { font: inherit; padding: 4px 8px; min-width: 220px; }
main { padding: 12px 20px 40px; }
.entry { margin: 0 0 24px; padding: 12px; border: 1px solid var(--line); border-radius: 8px; }
.entry h2 { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; margin: 0 0 10px; font-size: 15px; word-break: break-all; }
.badge { font-size: 12px; padding: 1px 8px; border-radius: 10px; color: #fff; text-transform: uppercase; }
.badge.changed { background: #c2410c; } .badge.added { background: #15803d; } .badge.removed { background: #b91c1c; }
.badge.renamed { background: #1d4ed8; } .badge.errored { background: #6b7280; }
.metric, .previous { font-weight: normal; opacity: .8; }
.message { color: #b91c1c; }
.compare { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 12px; align-items: start; }
/* Never upscaled, and every image of an entry at one scale: the widest fills its figure. */
figure { margin: 0; position: relative; max-width: var(--widest); }
figcaption { font-size: 12px; opacity: .8; margin-bottom: 4px; }
.frame { background: repeating-conic-gradient(#8882 0 25%, transparent 0 50%) 0 0 / 16px 16px; }
figure img { display: block; width: calc(var(--share, 1) * 100%); height: auto; }
.controls { display: none; gap: 8px; align-items: center; margin: 0 0 8px; font-size: 12px; }
.controls input { width: 240px; }
/* Slider and overlay stack the images in one cell, each at its share of the widest. */
main[data-view=slider] .entry.changed .compare, main[data-view=overlay] .entry.changed .compare { grid-template-columns: minmax(0, 1fr); max-width: min(1000px, var(--widest)); }
main[data-view=slider] .entry.changed figure, main[data-view=overlay] .entry.changed figure { grid-area: 1 / 1; }
main[data-view=slider] .entry.changed figcaption, main[data-view=overlay] .entry.changed figcaption { display: none; }
main[data-view=slider] .entry.changed .diff, main[data-view=overlay] .entry.changed .base { display: none; }
main[data-view=slider] .entry.changed .head { clip-path: inset(0 0 0 var(--split, 50%)); }
main[data-view=slider] .entry.changed .head .frame { background: none; }
main[data-view=slider] .entry.changed .split-control, main[data-view=overlay] .entry.changed .mask-control { display: flex; }
main[data-view=overlay] .entry.changed .diff { opacity: var(--mask-opacity, .8); }
main[data-view=overlay] .entry.changed .diff .frame { background: none; }
.empty { opacity: .8; }
`;
