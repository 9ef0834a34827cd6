import requests

BASE = "https://services.leadconnectorhq.com"


def pipelines(token, location_id):
    return requests.get(
        "https://services.leadconnectorhq.com/opportunities/pipelines",
        params={"locationId": location_id},
        headers={"Authorization": f"Bearer {token}", "Version": "2021-07-28"},
    ).json()


def delete_opportunity(token, opportunity_id):
    return requests.delete(
        f"https://services.leadconnectorhq.com/opportunities/{opportunity_id}",
        headers={"Authorization": f"Bearer {token}", "Version": "2021-07-28"},
    )
