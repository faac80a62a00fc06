"""Wire copy for the ingest tests: Saltmere stories, one reworded, as a wire would send them."""

import io
import json
import zipfile

HARBOUR = (
    "Saltmere harbour wall to be rebuilt",
    [
        "Saltmere council voted on Tuesday to spend £4.2m repairing the harbour wall after "
        "storm Brannock damaged 120 metres of it.",
        "Councillor Maggie Thorne said the work would start in March and take 18 weeks.",
        "Fishermen have been unable to use the eastern berths since the storm, the Harbour "
        "Board said.",
    ],
)
HARBOUR_REWORDED = (
    "Harbour wall repairs approved in Saltmere",
    [
        "On Tuesday Saltmere council agreed to spend £4.2m mending the harbour wall after "
        "storm Brannock wrecked 120 metres of it.",
        "The work will begin in March and last 18 weeks, Councillor Maggie Thorne said.",
        "Since the storm fishermen have not been able to use the eastern berths, according "
        "to the Harbour Board.",
    ],
)
FERRY = (
    "Pellan ferry fares to rise by 8 per cent",
    [
        "Return fares on the Pellan Island ferry will rise by 8 per cent from 1 May, the "
        "operator Kernow Sea Links said on Friday.",
        "An adult return will cost £14.60, up from £13.50, while islanders keep their "
        "discount card.",
        "Lowenna Tregear, who chairs the Pellan parish council, said the rise would hurt "
        "families who cross every day for work and school.",
    ],
)
LIFEBOAT = (
    "Lifeboat crew rescues three from yacht off Gull Point",
    [
        "Three sailors were lifted from a yacht that lost its mast off Gull Point on Sunday "
        "afternoon, the Saltmere lifeboat station said.",
        "The all-weather boat was launched at 3.40pm and reached the yacht within 25 minutes, "
        "coxswain Denzel Rowe said.",
        "The yacht was towed into Saltmere harbour, where the crew were checked by paramedics.",
    ],
)


def text_copy(story) -> bytes:
    headline, paragraphs = story
    return "\n\n".join([headline, "By Rosa Penhallow", *paragraphs]).encode()


def ninjs_copy(story, uri: str) -> dict:
    headline, paragraphs = story
    return {
        "uri": uri,
        "type": "text",
        "versioncreated": "2026-03-03T09:00:00Z",
        "language": "en",
        "headlines": [{"role": "main", "value": headline}],
        "by": "Saltmere Wire staff",
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "value": "".join(f"<p>{p}</p>" for p in paragraphs),
            }
        ],
    }


def ninjs_bytes(*items: dict) -> bytes:
    return json.dumps(list(items) if len(items) > 1 else items[0]).encode()


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()
