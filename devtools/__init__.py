"""Tools for developers only: benchmark commands and the bulk data generator they use.

Not part of the platform: the setuptools package list leaves it out, production settings do
not install it, and the layers contract puts it above every app so no app can import it.
``config.settings.development`` and ``config.settings.test`` add it to ``INSTALLED_APPS`` so
``manage.py benchmark_issue`` and ``manage.py benchmark_report`` run there.
"""
