from django.urls import path

from feeds.api import views

urlpatterns = [
    path("feeds/", views.FeedListCreateView.as_view(), name="feed-list"),
]
