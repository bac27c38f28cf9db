class ApiCacheControlMiddleware:
    """A public cache lifetime for the open-data API's answers. Their ETag and 304 Not
    Modified come from Django's ConditionalGetMiddleware, as for every page and feed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and request.method in ("GET", "HEAD")
            and response.status_code == 200
        ):
            response.setdefault("Cache-Control", "public, max-age=300")
        return response
