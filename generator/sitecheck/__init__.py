"""The built-site check: one page (:mod:`.page`, parsed by :mod:`.elements`, located in its
text by :mod:`.source`), the whole site (:mod:`.site`), and the pages' Content-Security-Policy
(:mod:`.csp`) allowing only the theme's scripts (:mod:`.scripts`). Imports neither MkDocs nor
the render: it reads what a browser would read."""
