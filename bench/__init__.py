"""`make bench`: a large wiki served by gunicorn, measured with wrk against a hello-world ceiling."""
