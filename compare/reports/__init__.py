"""Reports of one event's divergences: the JSON and Markdown report (`report`), the static HTML page
(`page`) and what the page and the web event page print (`view`, `style`, `templates/`).
"""
