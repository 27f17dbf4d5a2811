"""A stand-in for reading.box_reader in the tests of the rules that read pieces of a line again."""
from reading import Character


def box_reader_of(ranked):
    """(read, asked): a function that reads each segment.Box as a Character ranked as `ranked(box)` says
    ([(char, p)]), and the list of the boxes it was given."""
    asked = []

    def read(boxes):
        asked.extend(boxes)
        return [Character(ranked(b)[0][0], [b.left, b.top, b.right, b.bottom], 'char', [c for c, _ in ranked(b)],
                          list(range(len(ranked(b)))), [p for _, p in ranked(b)]) for b in boxes]
    return read, asked


def text_of(characters):
    return ''.join(c.char for c in characters)
