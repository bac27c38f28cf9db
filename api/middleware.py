from django.middleware.http import ConditionalGetMiddleware


class ApiConditionalGetMiddleware(ConditionalGetMiddleware):
    """ETag (from the answer's content) and 304 Not Modified for the open-data API, and a
    public cache lifetime: a harvester that asks again gets an empty answer if nothing changed."""

    def process_response(self, request, response):
        if not request.path.startswith("/api/"):
            return response
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response.setdefault("Cache-Control", "public, max-age=300")
        return super().process_response(request, response)
