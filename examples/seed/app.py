# The web service of the seed example: a page that counts its visits in redis.
# It reaches redis by its compose service name, `redis`, on redis's default port.
import time

import redis
from flask import Flask

app = Flask(__name__)
cache = redis.Redis(host="redis", port=6379)


def get_hit_count():
    retries = 5
    while True:
        try:
            return cache.incr("hits")
        except redis.exceptions.ConnectionError:
            if retries == 0:
                raise
            retries -= 1
            time.sleep(0.5)


@app.route("/")
def hello():
    return "Hello World! I have been seen {} times.\n".format(get_hit_count())
