from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.front_page, name="front"),
    path("<int:year>/<int:month>/<int:day>/<slug:slug>/", views.article_detail, name="detail"),
    path("section/<slug:slug>/", views.section_page, name="section"),
    path("author/<slug:slug>/", views.author_page, name="author"),
    path("tag/<slug:slug>/", views.tag_page, name="tag"),
]
