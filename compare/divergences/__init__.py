"""Divergences: where outlets covering one event disagree, and what one of them leaves out.

`detect.find_divergences` aligns the statements of an event's articles (`alignment`) and runs each
detector: numbers (`numeric`, `event_figures`), the claim readers (`newsprism.compare.claims`), dates
(`dates`), quotes (`quotes`), omissions and unique claims (`gaps`, `unique_claims`) and reliance on
sources (`reliance`); `ranking` keeps what matters. The records they give are in
`newsprism.compare.types`.
"""
