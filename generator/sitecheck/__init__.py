"""The built-site check: one page (:mod:`.page`), the whole site (:mod:`.site`). Imports
neither MkDocs nor the render: it reads what a browser would read."""
