"""The only scripts a built page may run: the theme's inline scripts, known by their exact text,
and the one script the offline build's worker shim writes into its frame at run time.

The check (:mod:`.page`) refuses any other inline script; the Content-Security-Policy
(:mod:`.csp`) allows exactly these by their hashes, so the browser refuses the rest too.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InlineScript:
    """An inline script of the theme, known by its exact text.

    With ``tail`` empty the text must equal ``head``. Otherwise it is ``head`` + a plain
    string literal (the one value the theme fills in, e.g. the base URL) + ``tail``.
    """

    name: str
    head: str
    tail: str = ""

    def matches(self, text: str) -> bool:
        """Whether ``text`` is this script, byte for byte apart from the one literal."""
        if not self.tail:
            return text == self.head
        if len(text) < len(self.head) + len(self.tail):
            return False
        if not (text.startswith(self.head) and text.endswith(self.tail)):
            return False
        return literal_is_plain(text[len(self.head) : len(text) - len(self.tail)])

    def filled(self, literal: str) -> str | None:
        """The script with ``literal`` filled in, or None when it may not be filled in."""
        if not self.tail or not literal_is_plain(literal):
            return None
        return self.head + literal + self.tail


def literal_is_plain(middle: str) -> bool:
    """Whether a filled-in value stays inside its string literal and cannot close the
    script (no quote, backslash, angle bracket or line break; short)."""
    return len(middle) <= 200 and not any(ch in middle for ch in '"\\<>\n\r\u2028\u2029')


# Copied verbatim from mkdocs-material 9.x templates (partials/javascripts/*.html);
# tests/sitecheck/test_integrity.py checks each still appears in the installed theme.
THEME_SCRIPTS: tuple[InlineScript, ...] = (
    InlineScript(
        "material base",
        '__md_scope=new URL("',
        '",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
        "__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"
        '"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+'
        '"."+e,JSON.stringify(_))}catch(e){}}',
    ),
    InlineScript(
        "material palette",
        'var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-'
        'scheme)"===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)'
        '"),input=document.querySelector(media.matches?"[data-md-color-media=\'(prefers-color'
        "-scheme: light)']\":\"[data-md-color-media='(prefers-color-scheme: dark)']\");palette"
        '.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.'
        'getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute("data-'
        'md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}'
        'for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data'
        '-md-color-"+key,value)}',
    ),
    InlineScript(
        "material content target",
        "var target=document.getElementById(location.hash.slice(1));target&&target.name&&"
        '(target.checked=target.name.startsWith("__tabbed_"))',
    ),
    InlineScript(
        "material content tabs",
        'var tabs=__md_get("__tabs");if(Array.isArray(tabs))e:for(var set of document.'
        'querySelectorAll(".tabbed-set")){var labels=set.querySelector(".tabbed-labels");'
        'for(var tab of tabs)for(var label of labels.getElementsByTagName("label"))if(label.'
        "innerText.trim()===tab){var input=document.getElementById(label.htmlFor);input."
        "checked=!0;continue e}}",
    ),
    InlineScript(
        "material announce",
        'var el=document.querySelector("[data-md-component=announce]");if(el){var content='
        'el.querySelector(".md-typeset");__md_hash(content.innerHTML)===__md_get("__announce")'
        "&&(el.hidden=!0)}",
    ),
)

WORKER_SHIM = "iframe-worker-shim.js"
"""The file name of the offline build's Web Worker shim (docs/assets/javascripts/; vendored
iframe-worker 1.0.4). From file:// it runs the search worker in a hidden frame."""

_SHIM_POST = 'function c(s,n){parent.postMessage(s,n||"*")}'
_SHIM_IMPORT = (
    "function d(...s){return s.reduce((n,e)=>n.then(()=>new Promise(r=>{let t=document."
    'createElement("script");t.src=e,t.onload=r,document.body.appendChild(t)})),Promise.'
    "resolve())}"
)

# The frame is about:blank, so it runs under the page's policy. The shim writes this script
# into it: its template literal `postMessage=${c};importScripts=${d};...{filename:"${e}"...`
# with c and d the shim's two functions (as their source text) and e the worker's URL, the
# `search` value of the page's Material config. tests/sitecheck/test_csp.py checks the shim.
WORKER_SHIM_SCRIPT = InlineScript(
    "iframe-worker shim frame",
    f"postMessage={_SHIM_POST};importScripts={_SHIM_IMPORT};addEventListener"
    '("error",({error})=>{parent.dispatchEvent(new ErrorEvent("error",{filename:"',
    '",error}))})',
)


def is_theme_script(text: str) -> bool:
    """Whether an inline script's text is one of the theme's own."""
    return any(known.matches(text) for known in THEME_SCRIPTS)
