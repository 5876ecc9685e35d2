"""Small server-rendered SVG charts for the queue page: no script, no charting library.

Every label goes through ``format_html``, so nothing drawn here can inject markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

#: Status colours, the same as the admin's badges (claims/static/claims/admin.css).
STATUS_COLOURS = {
    "new": "#64748b",
    "in_review": "#2563eb",
    "awaiting_approval": "#b45309",
    "published": "#15803d",
    "dismissed": "#9ca3af",
}


def backlog_chart(
    days: Sequence[date],
    series: dict[str, list[int]],
    labels: dict[str, str],
    *,
    width: int = 560,
    height: int = 160,
) -> SafeString:
    """One line per status over ``days``; the y axis from 0 to the largest count."""
    left, right, top, bottom = 34, 8, 8, 22
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([1, *(n for values in series.values() for n in values)])
    step = plot_w / max(1, len(days) - 1)

    def point(i: int, n: int) -> str:
        return f"{left + i * step:.1f},{top + plot_h - n * plot_h / peak:.1f}"

    lines = format_html_join(
        "",
        '<polyline class="cd-line" data-status="{}" fill="none" stroke="{}" stroke-width="2" '
        'points="{}"><title>{}: {} now</title></polyline>',
        (
            (
                status,
                STATUS_COLOURS.get(status, "#000"),
                " ".join(point(i, n) for i, n in enumerate(values)),
                labels.get(status, status),
                values[-1] if values else 0,
            )
            for status, values in series.items()
        ),
    )
    axis = format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#d1d5db"/>'
        '<text x="{}" y="{}" font-size="10" text-anchor="end" fill="#6b7280">{}</text>'
        '<text x="{}" y="{}" font-size="10" text-anchor="end" fill="#6b7280">0</text>'
        '<text x="{}" y="{}" font-size="10" fill="#6b7280">{}</text>'
        '<text x="{}" y="{}" font-size="10" text-anchor="end" fill="#6b7280">{}</text>',
        left, top + plot_h, left + plot_w, top + plot_h,
        left - 4, top + 8, peak,
        left - 4, top + plot_h,
        left, height - 6, days[0].strftime("%d %b") if days else "",
        left + plot_w, height - 6, days[-1].strftime("%d %b") if days else "",
    )  # fmt: skip
    return format_html(
        '<svg class="cd-chart" id="backlog-chart" role="img" viewBox="0 0 {} {}" '
        'preserveAspectRatio="xMinYMin meet" aria-label="{}">{}{}</svg>',
        width,
        height,
        f"Claims per status at the end of each of the last {len(days)} days",
        axis,
        lines,
    )


def bar_chart(
    bars: Sequence[tuple[str, float | None]], *, unit: str, width: int = 240, height: int = 110
) -> SafeString:
    """Vertical bars with their value above and their label below (None: no bar, a dash)."""
    top, bottom = 14, 20
    plot_h = height - top - bottom
    peak = max([1.0, *(v for _, v in bars if v is not None)])
    slot = width / max(1, len(bars))
    parts = []
    for i, (label, value) in enumerate(bars):
        x = i * slot + slot * 0.2
        shown = "-" if value is None else f"{value:.1f}"
        bar_h = 0 if value is None else max(1.0, value * plot_h / peak)
        parts.append(
            format_html(
                '<rect class="cd-bar" x="{}" y="{}" width="{}" height="{}" '
                'fill="#15803d"><title>{}: {} {}</title></rect>'
                '<text x="{}" y="{}" font-size="10" text-anchor="middle">{}</text>'
                '<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#6b7280">{}'
                "</text>",
                f"{x:.1f}",
                f"{top + plot_h - bar_h:.1f}",
                f"{slot * 0.6:.1f}",
                f"{bar_h:.1f}",
                label,
                shown,
                unit,
                f"{x + slot * 0.3:.1f}",
                f"{top + plot_h - bar_h - 3:.1f}",
                shown,
                f"{x + slot * 0.3:.1f}",
                height - 6,
                label,
            )
        )
    return format_html(
        '<svg class="cd-chart cd-chart-small" id="lead-time-chart" role="img" '
        'viewBox="0 0 {} {}" aria-label="Median {} from extraction to publication, per week">'
        "{}</svg>",
        width,
        height,
        unit,
        mark_safe("".join(parts)),  # noqa: S308 - each part built by format_html
    )
