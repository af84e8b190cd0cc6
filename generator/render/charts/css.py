"""The charts' stylesheet: CHART_CSS, the colour palette (light and dark) and the font
sizes written from :data:`FONT`."""

from __future__ import annotations

from generator.render.charts.svg import FONT, num

PALETTE_SIZE = 8

# Okabe-Ito (colour-blind safe) hues, lightness set for 3:1 or more against each scheme's
# background (white; slate #1e2129) as WCAG asks of graphics; in light mode the yellow, which
# cannot reach 3:1 on white, is a violet, and the orange is darkened to a brown that stays
# apart from the vermilion for deuteranopes. Index i is one originator's colour in both.
_LIGHT = ("#0072b2", "#d55e00", "#009e73", "#b8478a", "#7a4f00", "#1c95d9", "#5e3c99", "#000000")
_DARK = ("#2f8fd8", "#e8702a", "#1fb58b", "#cc79a7", "#e69f00", "#7fd0f5", "#f0e442", "#e0e0e0")
BACKGROUNDS = ("#ffffff", "#1e2129")
"""The light and dark (slate) page backgrounds the palette is chosen against."""
PALETTES = (_LIGHT, _DARK)


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a '#rrggbb' colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ink(colour: str) -> str:
    """White or black, whichever reads better on ``colour`` (always 4.5:1 or more): the
    colour of text set on it, as the numbers on the chronology's discs."""
    lum = luminance(colour)
    return "#ffffff" if (1.05 / (lum + 0.05)) >= ((lum + 0.05) / 0.05) else "#000000"


def _generated_css() -> str:
    """Font sizes from :data:`FONT`; the palette, light and slate (dark), each colour with
    the ink of text set on it."""
    fonts = "".join(f".bc-svg .bc-{k} {{ font-size: {num(v)}px; }}\n" for k, v in FONT.items())
    light = "".join(
        f".bc-c{i} {{ --bc-c: {c}; --bc-ink: {ink(c)}; }}\n" for i, c in enumerate(_LIGHT)
    )
    dark = "".join(
        f"[data-md-color-scheme=slate] .bc-c{i} {{ --bc-c: {c}; --bc-ink: {ink(c)}; }}\n"
        for i, c in enumerate(_DARK)
    )
    return fonts + light + dark


CHART_CSS = """/* Charts (generator/render/charts/): static SVG. Every colour is a Material palette
   variable or a --bc-* below, so the light (default) and dark (slate) schemes both read well; each
   palette colour (bc-cN) has 3:1 contrast or more against its scheme's background. */
.briefing-chart { margin: 1.2em 0; max-width: 100%; }
.briefing-chart svg { display: block; max-width: 100%; height: auto; }
.bc-svg {
  --bc-fg: var(--md-default-fg-color, #222);
  --bc-muted: var(--md-default-fg-color--light, #666);
  --bc-faint: var(--md-default-fg-color--lightest, #ddd);
  --bc-bg: var(--md-default-bg-color, #fff);
  --bc-ok: #047857; --bc-warn: #b45309; --bc-route: #c2410c; --bc-c: var(--bc-muted);
  --bc-stop: #b91c1c;
  font-family: var(--md-text-font-family, sans-serif);
}
[data-md-color-scheme=slate] .bc-svg {
  --bc-ok: #34d399; --bc-warn: #fbbf24; --bc-route: #f97316; --bc-stop: #f87171;
}
.bc-svg text { fill: var(--bc-fg); }
.bc-svg .bc-tick, .bc-svg .bc-muted { fill: var(--bc-muted); }
.bc-svg .bc-status { font-weight: 700; }
.bc-svg .bc-badge { font-weight: 700; }
.bc-svg .bc-halo {
  paint-order: stroke; stroke: var(--bc-bg); stroke-width: 3px; stroke-linejoin: round;
}
.bc-axis { stroke: var(--bc-muted); stroke-width: 1; }
.bc-grid { stroke: var(--bc-faint); stroke-width: 1; }
.bc-link:hover .bc-mark, .bc-link:focus .bc-mark, .bc-link:hover .bc-step { stroke-width: 3.5; }
.bc-link:hover text, .bc-link:focus text { text-decoration: underline; }
.bc-link:focus-visible {
  outline: 2px solid var(--md-accent-fg-color, #526cfe); outline-offset: 2px;
}
/* estimates: colour and shape = originator; hollow = claim undated; dashed = projected */
.bc-mark { fill: var(--bc-c); stroke: var(--bc-c); stroke-width: 2; }
.bc-mark.bc-key { --bc-c: var(--bc-muted); }
.bc-mark.bc-hollow { fill: var(--bc-bg); }
.bc-mark.bc-projected { fill-opacity: .35; stroke-dasharray: 4 2.5; }
.bc-mark.bc-projected.bc-hollow { fill-opacity: 1; }
/* process tracker: done = filled circle with a tick; underway (pending) = half-filled
   diamond; open (expected) = empty dashed square; halted (suspended, rejected...) = a
   circle struck through; each also says so in words */
.bc-step { stroke-width: 2.5; }
.bc-done { fill: var(--bc-ok); stroke: var(--bc-ok); }
.bc-tick-mark {
  fill: none; stroke: var(--bc-bg); stroke-width: 2.5;
  stroke-linecap: round; stroke-linejoin: round;
}
.bc-pending { fill: none; stroke: var(--bc-warn); }
.bc-half { fill: var(--bc-warn); }
.bc-expected { fill: none; stroke: var(--bc-muted); stroke-dasharray: 4 3; }
.bc-halted { fill: none; stroke: var(--bc-stop); }
.bc-track { stroke-width: 3; }
.bc-track-done { stroke: var(--bc-ok); }
.bc-track-todo { stroke: var(--bc-muted); stroke-dasharray: 5 4; stroke-width: 2; }
.bc-svg .bc-status-done { fill: var(--bc-ok); }
.bc-svg .bc-status-underway { fill: var(--bc-warn); }
.bc-svg .bc-status-open { fill: var(--bc-muted); }
.bc-svg .bc-status-halted { fill: var(--bc-stop); }
/* a term's own colour (the briefing's vocabulary): a swatch beside its label */
.bc-swatch {
  display: inline-block; width: .7em; height: .7em; margin-right: .3em;
  border-radius: 2px; background: var(--bc-term); vertical-align: baseline;
}
.bc-svg .bc-term.bc-step { stroke: var(--bc-term); }
.bc-svg .bc-term.bc-done, .bc-svg .bc-term.bc-half { fill: var(--bc-term); }
.bc-svg .bc-status.bc-term { fill: var(--bc-term); }
/* chronology strip: colour = kind; tick = a day, band = a month or year, bar = a range */
.bc-event { fill: var(--bc-c); }
.bc-event.bc-band { fill-opacity: .3; stroke: var(--bc-c); stroke-width: 1; }
.bc-leader { stroke: var(--bc-faint); stroke-width: 1; }
.bc-event.bc-num { stroke: var(--bc-bg); stroke-width: 1; }
.bc-svg text.bc-num-text { fill: var(--bc-ink); }
.bc-link:hover .bc-num, .bc-link:focus .bc-num { stroke: var(--bc-fg); stroke-width: 2; }
.bc-break { fill: none; stroke: var(--bc-muted); stroke-width: 1.5; }
/* a fact's link spans its mark, its badge and its key line: ring those, not one box round all */
.bc-chronology .bc-link:focus-visible { outline: none; }
.bc-chronology .bc-link:focus-visible .bc-event {
  stroke: var(--md-accent-fg-color, #526cfe); stroke-width: 3;
}
/* route map */
.bc-place { fill: var(--bc-fg); }
.bc-leg { fill: none; stroke: var(--bc-route); stroke-width: 2; }
.bc-leg-expected { stroke-dasharray: 5 4; }
.bc-leg-halted { stroke: var(--bc-stop); stroke-dasharray: 2 4; }
.bc-arrowhead { fill: var(--bc-route); }
circle.bc-badge { fill: var(--bc-bg); stroke: var(--bc-route); stroke-width: 1.5; }
@media print {
  .bc-svg { --bc-fg: #000; --bc-muted: #444; --bc-faint: #bbb; --bc-bg: #fff; }
}
""" + _generated_css()
