"""The OAI-PMH 2.0 endpoint (https://www.openarchives.org/OAI/openarchivesprotocol.html).

``tokens`` (resumption tokens) and ``metadata`` (oai_dc) sit below
``protocol`` (the six verbs and their argument rules), below ``views``.
"""
