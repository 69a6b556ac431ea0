"""One article, analyzed alone: its sentences, who said what (`attribution`), the numbers and what they
count (`quantities`), the dates (`dates`) and the named entities (`entities`); `analysis` runs them all.

Pure: text in, the records of `newsprism.compare.findings` out.
"""
