"""Simple box-and-arrow diagrams drawn as PNG from a title and a list of steps.

Content files describe a diagram as data (course.yaml ``diagrams``) instead of shipping an
image, so it can be reviewed and changed as text. The same input always gives the same bytes,
which is how the loader tells that a diagram has not changed.
"""

import io

from PIL import Image, ImageDraw, ImageFont


def diagram_png(title: str, steps: list[str]) -> bytes:
    """A left-to-right flow diagram: one box per step, arrows between them."""
    box_w, box_h, gap, margin = 210, 84, 46, 24
    width = margin * 2 + len(steps) * box_w + (len(steps) - 1) * gap
    height = 190
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=17)
    title_font = ImageFont.load_default(size=20)
    draw.text((margin, 16), title, fill="#12355b", font=title_font)
    top = 70
    for i, step in enumerate(steps):
        left = margin + i * (box_w + gap)
        draw.rounded_rectangle(
            (left, top, left + box_w, top + box_h), radius=10, outline="#12355b", width=3,
            fill="#f3f5f8",
        )  # fmt: skip
        for n, line in enumerate(_wrap(step, 20)[:3]):
            draw.text((left + 12, top + 12 + n * 22), line, fill="#1b1f24", font=font)
        if i < len(steps) - 1:
            y = top + box_h // 2
            x0, x1 = left + box_w + 6, left + box_w + gap - 6
            draw.line((x0, y, x1, y), fill="#12355b", width=3)
            draw.polygon([(x1, y), (x1 - 10, y - 7), (x1 - 10, y + 7)], fill="#12355b")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _wrap(text: str, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines
