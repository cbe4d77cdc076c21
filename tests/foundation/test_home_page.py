"""`/` is the signed-in home; signed-out visitors go to sign-in and come back afterwards."""

import pytest

PASSWORD = "correct horse battery staple"


@pytest.mark.django_db
def test_signed_out_visitor_is_sent_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/"


@pytest.mark.django_db
def test_sign_in_page_is_in_the_products_look(client):
    response = client.get("/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "GuardDuty Hub" in html
    assert "css/hub.css" in html


@pytest.mark.django_db
def test_wrong_password_is_refused_with_a_message(client, django_user_model):
    django_user_model.objects.create_user("bob", password=PASSWORD)
    response = client.post("/login/", {"username": "bob", "password": "nope"})
    assert response.status_code == 200
    assert "enter a correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_signing_in_lands_on_the_dashboard(client, django_user_model):
    django_user_model.objects.create_user("bob", password=PASSWORD, first_name="Bob")
    response = client.post(
        "/login/", {"username": "bob", "password": PASSWORD, "next": "/"}, follow=True
    )
    assert response.redirect_chain == [("/", 302)]
    html = response.content.decode()
    assert "<h1>Dashboard</h1>" in html
    assert "Sign out" in html


@pytest.mark.django_db
def test_sign_out_ends_the_session(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("bob"))
    assert client.get("/").status_code == 200
    assert client.post("/logout/").status_code == 302
    assert client.get("/").status_code == 302
