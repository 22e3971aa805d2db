"""Interview transcripts: each answer is its label's speaker's, and counts as a quotation
so that speech inside it is nested ("A:" is the interviewee's: the first person the
article names in full)."""

from __future__ import annotations

from ..frames import Frame
from ..quotes import Quote
from .scene import Scene


class Transcripts:
    """Runs before the cue finders: the answers it adds to the scene's quotations keep
    their cue words from being claims of their own."""

    def find(self, scene: Scene) -> list[Frame]:
        doc, article, quotes = scene.doc, scene.article, scene.quotes
        if not article.answers:
            return []
        first = article.answers[0][0]
        person = next((e for e in doc.ents if e.label_ == "PERSON" and len(e) > 1
                       and e.start_char < first and article.in_body(e.start_char, e.end_char)),
                      None)
        frames = []
        for label_start, label_end, start, end in article.answers:
            para = article.paragraph_of(start)
            outer = label_start if article.paragraph_of(label_start) == para else start
            quotes.append(Quote(start, end, outer, end, para))
            label = doc.char_span(label_start, label_end, alignment_mode="expand")
            unnamed = scene.reader.answer.match(article.text[label_start:end])  # "A:"
            if unnamed and person is None:
                continue
            frames.append(Frame(scene.said(label[0], "interview"),
                                [list(person if unnamed else label)], [(start, end)],
                                kind="direct", rule="interview" if unnamed else "transcript"))
        quotes.sort(key=lambda q: q.start)
        return frames
