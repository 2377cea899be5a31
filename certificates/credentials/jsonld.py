"""JSON-LD for credentials: the vendored contexts, reading an uploaded document, RDFC-1.0.

JSON-LD contexts come only from the files vendored in ``certificates/contexts/`` (see its
README.md): nothing is ever fetched from the network. Members of the document that no context
defines would be silently dropped by JSON-LD processing, and so not covered by the signature;
``canonicalize`` refuses such documents instead (pyld 3.3 has no ``safe`` mode, so its
``on_property_dropped`` hook and a check for relative IRIs do that job). Pure functions: no
Django settings, no database.
"""

import copy
import json
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from cachetools import LRUCache
from pyld.context_resolver import ContextResolver
from pyld.jsonld import JsonLdError, JsonLdProcessor

CONTEXTS_DIR = Path(__file__).resolve().parent.parent / "contexts"

VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_V3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CREDENTIAL_CONTEXT = [VC_V2_CONTEXT, OB_V3_CONTEXT]

DocumentLoader = Callable[[str, dict | None], dict]


# Offline JSON-LD document loader.


@cache
def _vendored_contexts() -> dict[str, Any]:
    """URL -> parsed context for every file listed in contexts/index.json (read once)."""
    index = json.loads((CONTEXTS_DIR / "index.json").read_text(encoding="utf-8"))
    contexts = {}
    for url, filename in index.items():
        path = (CONTEXTS_DIR / filename).resolve()
        if path.parent != CONTEXTS_DIR:
            raise ValueError(f"context file outside {CONTEXTS_DIR}: {filename}")
        contexts[url] = json.loads(path.read_text(encoding="utf-8"))
    return contexts


def loader_for(contexts: dict[str, Any]) -> DocumentLoader:
    """A pyld document loader serving exactly ``contexts`` (URL -> parsed JSON), nothing else."""

    def load(url: str, options: dict | None = None) -> dict:
        if not isinstance(url, str) or url not in contexts:
            raise JsonLdError(
                f"JSON-LD context not available offline: {url!r}",
                "jsonld.LoadDocumentError",
                {"url": url},
                code="loading remote context failed",
            )
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": copy.deepcopy(contexts[url]),
            # pyld keeps a loaded context in its context cache only when it is tagged so.
            "tag": "static",
        }

    return load


def document_loader(url: str, options: dict | None = None) -> dict:
    """pyld document loader for the vendored contexts; any other URL raises ``JsonLdError``."""
    return loader_for(_vendored_contexts())(url, options)


# Reading an uploaded document.

# Our credentials are about 6 KB and nest 6 levels; anything far beyond is not a credential.
# Checking both before parsing keeps json and pyld (both recursive) away from hostile input.
MAX_DOCUMENT_BYTES = 256 * 1024
MAX_DOCUMENT_DEPTH = 32


class DocumentTooLarge(ValueError):
    """The file is bigger than any credential we issue."""


class DocumentTooDeep(ValueError):
    """The JSON nests arrays and objects deeper than any credential we issue."""


def nesting_depth(text: str) -> int:
    """How deep ``text`` nests JSON arrays and objects, without parsing it (no recursion).

    Brackets inside strings do not count. Malformed text gets a number too: ``json.loads``
    rejects it afterwards.
    """
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def parse_document(raw: bytes) -> Any:
    """Parse an uploaded credential file once it is known to be small and shallow enough.

    Raises ``DocumentTooLarge``, ``DocumentTooDeep``, or ``ValueError`` (``UnicodeDecodeError``
    and ``json.JSONDecodeError`` are both) for text that is not UTF-8 JSON.
    """
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise DocumentTooLarge(f"larger than {MAX_DOCUMENT_BYTES // 1024} KB")
    text = raw.decode("utf-8")
    if nesting_depth(text) > MAX_DOCUMENT_DEPTH:
        raise DocumentTooDeep(f"nested deeper than {MAX_DOCUMENT_DEPTH} levels")
    return json.loads(text)


# Canonicalization.


def _is_absolute_iri_or_blank(value: str) -> bool:
    return value.startswith("_:") or ":" in value


def _check_iris(node: Any, path: str = "$") -> None:
    """Raise if the expanded document holds relative IRIs (which RDF conversion drops)."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            _check_iris(item, f"{path}[{i}]")
    elif isinstance(node, dict):
        if "@value" in node:
            return
        node_id = node.get("@id")
        if isinstance(node_id, str) and not _is_absolute_iri_or_blank(node_id):
            raise ValueError(f"relative IRI {node_id!r} at {path} is not signable")
        types = node.get("@type", [])
        for node_type in types if isinstance(types, list) else [types]:
            if isinstance(node_type, str) and not _is_absolute_iri_or_blank(node_type):
                raise ValueError(f"undefined type {node_type!r} at {path}")
        for key, value in node.items():
            if key not in ("@id", "@type"):
                _check_iris(value, f"{path}.{key}")


def _check_members(node: Any, path: str = "$") -> None:
    """Raise for members that JSON-LD would drop without reporting them: nulls, and keywords
    (``@included: ["text"]``, ``@list: null`` …) that compact OB/VC documents never use."""
    if node is None:
        raise ValueError(f"null at {path} is not signable")
    if isinstance(node, list):
        for i, item in enumerate(node):
            _check_members(item, f"{path}[{i}]")
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                continue
            if not isinstance(key, str) or key.startswith("@"):
                raise ValueError(f"JSON-LD keyword {key!r} at {path} is not supported")
            _check_members(value, f"{path}.{key}")


def canonicalize(document: dict, *, loader: DocumentLoader | None = None) -> str:
    """RDFC-1.0 (URDNA2015) canonical N-Quads of ``document``, with contexts loaded offline.

    Raises ``ValueError`` if a member or type is not defined by the contexts, or is null or a
    JSON-LD keyword other than ``@context`` (each would be dropped, so not signed), and
    ``JsonLdError`` (or ``ValueError`` from pyld) for invalid JSON-LD or an unknown context.
    """
    if not isinstance(document, dict):
        raise ValueError("a JSON-LD document must be an object")
    _check_members(document)
    if loader is None:
        # The vendored contexts never change: their cache is kept from one call to the next.
        with _VENDORED_LOCK:
            resolver = ContextResolver(_VENDORED_CACHE, document_loader)
            return _canonicalize(document, document_loader, resolver)
    # A private context cache: the global pyld cache could hold contexts another loader served.
    return _canonicalize(document, loader, ContextResolver({}, loader))


# pyld keeps each context both as loaded and as processed into term definitions (for a given
# active context; every expansion starts from the same initial one). Processing the VC and
# Open Badges contexts again for each document was about 85 % of a credential's signing time.
# Bounded: an uploaded document's inline contexts land here too. pyld's caches are not safe
# for threads that share them, hence one canonicalization at a time.
_VENDORED_CACHE: LRUCache = LRUCache(maxsize=64)
_VENDORED_LOCK = threading.Lock()


def _canonicalize(document: dict, loader: DocumentLoader, resolver: ContextResolver) -> str:
    dropped: list[str | None] = []
    processor = JsonLdProcessor(on_property_dropped=dropped.append)
    options = {"documentLoader": loader, "contextResolver": resolver, "base": ""}
    expanded = processor.expand(copy.deepcopy(document), dict(options))
    if dropped:
        raise ValueError(f"terms not defined by any context: {sorted(map(str, dropped))}")
    _check_iris(expanded)
    return processor.normalize(
        expanded,
        {**options, "algorithm": "URDNA2015", "format": "application/n-quads"},
    )
