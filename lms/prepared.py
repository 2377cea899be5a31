"""Querysets compiled once per process and run again with another learner (issue 16).

On a signed-in learner's page, building and compiling a queryset costs more than running it:
the learner's enrolment and progress took about 1.5 ms each on the lesson page, most of it in
the ORM putting the SQL together rather than in the database. A prepared query is built once
with a placeholder in the place of the value that changes from request to request (an id no
row can have), compiled once and kept in the process; each request runs the same SQL with the
real value put where the placeholder was, and turns the rows into model instances or tuples
with the queryset's own converters and model loading, so the result is what iterating the
queryset would give.

Only for querysets whose SQL depends on nothing but the value rebound and what the caller's
key names: no ``timezone.now()``, no setting read per request. A queryset of a shape this
module does not reproduce (values() dictionaries, reordered values_list() columns, prefetches,
known related objects) is refused when it is prepared, so a caller cannot get rows in another
shape than the ORM's.
"""

from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators

# Stands for the value a prepared query is run with: no primary key is negative.
PLACEHOLDER = -7_368_351_923
# Prepared queries kept per process: a few per course and language, the oldest dropped first.
KEPT = 512

_kept: "OrderedDict[Hashable, Prepared]" = OrderedDict()


class Unpreparable(ValueError):
    """The queryset cannot be run again with another value by this module."""


class Prepared:
    """One compiled queryset; ``run(value)`` gives its rows with ``value`` for the placeholder."""

    def __init__(self, queryset, *, rebinds: bool = True):
        if queryset._prefetch_related_lookups or queryset._known_related_objects:
            raise Unpreparable("prefetches and known related objects are not reproduced")
        self.db = queryset.db
        compiler = queryset.query.get_compiler(using=self.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # a filter such as ``__in=[]``: no row for any value
            self.sql = None
            return
        self.sql = sql
        self.params = tuple(params)
        self.slots = [
            i for i, param in enumerate(self.params) if type(param) is int and param == PLACEHOLDER
        ]
        if rebinds and not self.slots:
            raise Unpreparable("the queryset does not use the placeholder")
        if not rebinds and self.slots:
            raise Unpreparable("a query run as it is must not use the placeholder")
        fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
        if compiler.has_composite_fields(fields):
            raise Unpreparable("composite primary keys are not reproduced")
        self.converters = compiler.get_converters(fields)
        # What execute_sql() does: columns of extra(select=...) beyond these are cut off.
        self.width = compiler.col_count if compiler.has_extra_select else None
        self.compiler = compiler
        if queryset._iterable_class is ModelIterable:
            self._setup_models(compiler)
        elif queryset._iterable_class is ValuesListIterable:
            query = queryset.query
            names = [*query.extra_select, *query.values_select, *query.annotation_select]
            fields = [
                *queryset._fields,
                *(name for name in query.annotation_select if name not in queryset._fields),
            ]
            if queryset._fields and fields != names:
                raise Unpreparable("values_list() columns in another order than the SELECT")
            self.model = None
        else:
            raise Unpreparable("only model instances and values_list() tuples")

    def _setup_models(self, compiler):
        select, klass_info = compiler.select, compiler.klass_info
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [column[0].target.attname for column in select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, select, self.db)
        self.annotations = dict(compiler.annotation_col_map or {})

    def run(self, value: int | None = None) -> list:
        if self.sql is None:
            return []
        params = list(self.params)
        for slot in self.slots:
            params[slot] = value
        with connections[self.db].cursor() as cursor:
            cursor.execute(self.sql, params)
            fetched = cursor.fetchall()
        if self.width is not None:
            fetched = [row[: self.width] for row in fetched]
        rows = fetched
        if self.converters:
            rows = map(tuple, self.compiler.apply_converters(fetched, self.converters))
        if self.model is None:
            return list(rows)
        objects = []
        for row in rows:
            obj = self.model.from_db(self.db, self.init_list, row[self.start : self.end])
            for populator in self.populators:
                populator.populate(row, obj)
            for name, position in self.annotations.items():
                setattr(obj, name, row[position])
            objects.append(obj)
        return objects


def prepared(key: Hashable, build: Callable, *, rebinds: bool = True) -> Prepared:
    """The prepared query kept under ``key`` in this process, built by ``build()`` (a queryset
    using ``PLACEHOLDER``) the first time. ``key`` must name everything the SQL depends on
    besides the placeholder (which course, which steps). ``rebinds=False`` is for a query
    that is run as it is, with nothing put in (its key names all it depends on, such as the
    language). Raises ``Unpreparable``."""
    found = _kept.get(key)
    if found is not None:
        _kept.move_to_end(key)
        return found
    found = Prepared(build(), rebinds=rebinds)
    _kept[key] = found
    while len(_kept) > KEPT:
        _kept.popitem(last=False)
    return found


def forget() -> None:
    """Drop every prepared query (tests that change the schema or the database)."""
    _kept.clear()
