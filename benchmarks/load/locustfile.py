"""Load on the explorer's busiest endpoints: the timeline, a country page and search.

Each simulated client picks a request, waits for the answer, thinks for 0.5-1.5 s and goes
again (a person clicking through the explorer). Run by run.sh."""

import random

from locust import HttpUser, between, task

COUNTRIES = ["SWE", "CHN", "RUS", "USA", "JPN", "KOR", "MNG", "VNM", "IDN", "IND", "DEU", "GBR"]
WORDS = ["armistice", "summit", "Kaesong", "sanctions", "Six-Party", "Yongbyon", "Kim", "treaty",
         "embassy", "missile"]
TOPICS = ["nuclear", "south-korea.summits", "sanctions.unsc-resolutions", "cold-war", None]


class Explorer(HttpUser):
    wait_time = between(0.5, 1.5)

    @task(3)
    def timeline(self) -> None:
        topic = random.choice(TOPICS)
        params = {"limit": 200, **({"topic": topic} if topic else {})}
        self.client.get("/api/events", params=params, name="timeline /api/events")

    @task(2)
    def country(self) -> None:
        iso3 = random.choice(COUNTRIES)
        self.client.get(f"/api/countries/{iso3}", name="country /api/countries/{iso3}")

    @task(2)
    def search(self) -> None:
        q = random.choice(WORDS)
        self.client.get("/api/search", params={"q": q}, name="search /api/search")

    @task(1)
    def timeline_page(self) -> None:
        self.client.get("/timeline", name="page /timeline")
