"""Django's Redis cache, keeping one client per connection pool instead of one per call.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for every cache
operation, and building one registers some 170 response callbacks: on a signed-in lesson page,
which talks to Redis about eight times, that was a few per cent of the request (issue 16,
docs/performance.md). A ``redis.Redis`` is safe to share between threads (each command takes a
connection from the pool), so one per pool is kept, created on first use.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class KeptClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client


class KeptClientRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` with ``KeptClientRedisCacheClient``."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClientRedisCacheClient
