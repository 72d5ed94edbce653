"""Draw MotCua's icon (original art): an open door — "một cửa", one door — on a blue
tile, with a gold chip card at its foot. Writes resources/icons/motcua.{svg,png,ico}.

    python -m scripts.icon
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"
BLUE, DOOR, LIGHT, GOLD = "#1f5fa8", "#ffffff", "#cfe0f5", "#f2b705"
# Shapes on a 256-unit canvas: (kind, box, colour[, radius])
TILE = (8, 8, 248, 248)
FRAME = (72, 40, 184, 216)
LEAF = (84, 52, 150, 216)  # the door leaf, opened inward
CARD = (132, 156, 220, 212)
CHIP = (144, 168, 168, 188)


def svg() -> str:
    def rect(box: tuple[int, int, int, int], fill: str, r: int = 0) -> str:
        x0, y0, x1, y1 = box
        return (
            f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" rx="{r}" fill="{fill}"/>'
        )

    return "\n".join(
        [
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 256" width="256" height="256">',
            rect(TILE, BLUE, 48),
            rect(FRAME, DOOR, 6),
            rect(LEAF, LIGHT, 4),
            '<circle cx="140" cy="140" r="6" fill="#1f5fa8"/>',
            rect(CARD, GOLD, 10),
            rect(CHIP, "#8a6a00", 4),
            "</svg>",
            "",
        ]
    )


def png(size: int) -> Image.Image:
    big = 1024  # drawn large, then scaled down smoothly
    k = big / 256
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)

    def box(b: tuple[int, int, int, int]) -> tuple[float, ...]:
        return tuple(v * k for v in b)

    d.rounded_rectangle(box(TILE), 48 * k, fill=BLUE)
    d.rounded_rectangle(box(FRAME), 6 * k, fill=DOOR)
    d.rounded_rectangle(box(LEAF), 4 * k, fill=LIGHT)
    d.ellipse(box((134, 134, 146, 146)), fill=BLUE)
    d.rounded_rectangle(box(CARD), 10 * k, fill=GOLD)
    d.rounded_rectangle(box(CHIP), 4 * k, fill="#8a6a00")
    return img.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "motcua.svg").write_text(svg(), encoding="utf-8")
    png(256).save(OUT / "motcua.png")
    png(256).save(
        OUT / "motcua.ico",
        sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)],
    )


if __name__ == "__main__":
    main()
