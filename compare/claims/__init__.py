"""Claims: what each article asserts, as structured facts, before any comparison.

A sentence is evidence; a claim is what it asserts about whom, with its value. Comparing claims rather
than sentences is what keeps two outlets' numbers about different people or different things apart:
`two people were killed` and `eight people were shot` are claims of two roles (killed, shot) and never
conflict, while `3:30 p.m.` and `3:50 p.m.` for the time of one shooting do, whatever the words around
them. Each module here reads one kind of claim from an article's statements;
`newsprism.compare.claims.conflicts` turns claims of different outlets into divergences.
"""
