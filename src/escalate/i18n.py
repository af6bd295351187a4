"""Messages in Portuguese and English, and which language to speak.

A test checks that both languages have the same keys and the same {placeholders}.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGS = ("pt", "en")


def detect(explicit: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """--lang first, then ESCALATE_LANG, then the locale (LC_ALL, LC_MESSAGES, LANG); else en."""
    env = os.environ if env is None else env
    for value in (explicit, env.get("ESCALATE_LANG")):
        if value:
            return "pt" if value.lower().startswith("pt") else "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return "pt" if value.lower().startswith("pt") else "en"
    return "en"


def t(lang: str, key: str, **values: object) -> str:
    text = MESSAGES[lang if lang in MESSAGES else "en"][key]
    return text.format(**values) if values else text


MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "sector.energy": "energy distributor",
        "sector.telecom": "telecom operator",
        "sector.public-body": "public body",
        "regulator": "regulator {name}",
        "checked_on": "Data checked on {date}.",
        "from_user": "This record comes from your own data folder: {path}",
        "hazard": "Risk to life (fallen wire, fire, shock)? Keep away. Call the fire brigade 193"
        " and the company's 24-hour line {phone} now.",
        "hazard.emergency": "Risk to life (fallen wire, fire, shock)? Keep away. Call the fire"
        " brigade 193 and the company's emergency line {phone} now.",
        "hazard.units": "Risk to life (fallen wire, fire, shock)? Keep away. Call the fire brigade"
        " 193 now, then your state's company (lines below).",
        "hazard.no_line": "Risk to life (fallen wire, fire, shock)? Keep away and call the fire"
        " brigade 193 now.",
        "tier.emergency": "EMERGENCIES",
        "tier.first-line": "CUSTOMER SERVICE (SAC) — start here",
        "tier.first-line.hint": "Write down the protocol number of every contact. The SAC must"
        " answer within 7 calendar days (Decreto 11.034/2022, art. 13).",
        "tier.ouvidoria": "OUVIDORIA — when the SAC did not solve it",
        "tier.ouvidoria.hint": "Have the protocol numbers of your SAC contacts at hand.",
        "tier.self-service": "SELF-SERVICE",
        "tier.special": "BUSINESS AND SPECIAL CUSTOMERS",
        "tier.external": "IF THE COMPANY DOES NOT SOLVE IT",
        "tier.external.hint": "In this order: the regulator, then consumidor.gov.br or Procon,"
        " then the courts.",
        "channels": "CHANNELS",
        "unit": "{name} ({state})",
        "units.hint": "Serves several states. Use --state {example} to see one.",
        "free": "free",
        "open_now": "open now",
        "open_until": "open now, until {when}",
        "closed_opens": "closed now, opens {when}",
        "closed": "closed now",
        "hours_unknown": "hours not known",
        "sms.send": "send",
        "sms.to": "to {code}",
        "arg.customer-code": "<customer code>",
        "arg.cpf": "<CPF>",
        "arg.protocol": "<protocol>",
        "arg.uc-number": "<UC number>",
        "arg.none": "",
        "needs": "Needs",
        "versions": "sources disagree:",
        "version.or": "or",
        "old_source": "source from {year}",
        "legend": "* reported by third parties   ! disputed   — confirm before relying on it.",
        "sources.title": "SOURCES",
        "sources.hint": "Sources: escalate lookup {id} --sources",
        "app.platforms": "({platforms})",
        "email": "e-mail",
        "req.sac-protocol": "SAC protocol number",
        "req.finished-sac-protocol": "a finished SAC protocol",
        "req.earlier-protocols": "protocol numbers of earlier contacts",
        "req.account-holder": "be the account holder",
        "req.documents": "your documents",
        "req.appointment": "an appointment",
        "req.cpf": "CPF",
        "req.cpf-or-cnpj": "CPF or CNPJ",
        "req.mobile-number": "a mobile number",
        "req.customer-code": "customer code (on the bill)",
        "req.unique-code": "unique customer code",
        "req.birth-date": "date of birth",
        "req.govbr-account": "gov.br account (silver or gold)",
        "req.company-joined": "the company must have joined the platform",
        "companies.title": "Companies",
        "companies.hint": "Details: escalate lookup ID",
        "col.id": "id",
        "col.name": "name",
        "col.sector": "sector",
        "col.states": "states",
        "col.channels": "channels",
        "col.verified": "checked",
        "all_states": "all",
        "err.unknown": "unknown company or body: '{name}'",
        "err.did_you_mean": "did you mean: {names}?",
        "err.list_hint": "see every company: escalate companies",
        "err.state": "{name} has no service listed for state '{state}'; it serves: {states}",
        "err.state.bad": "not a state code: '{state}' (use two letters, e.g. PA)",
        "warn.bad_file": "warning: skipped {problem}",
        "warn.validate": "check your data folder: escalate data validate",
        "version": "escalate {version} · data checked {first} to {last}",
        "version.one": "escalate {version} · data checked {first}",
    },
    "pt": {
        "sector.energy": "distribuidora de energia",
        "sector.telecom": "operadora de telecomunicações",
        "sector.public-body": "órgão público",
        "regulator": "regulador {name}",
        "checked_on": "Dados conferidos em {date}.",
        "from_user": "Este registro vem da sua pasta de dados: {path}",
        "hazard": "Risco de vida (fio caído, fogo, choque)? Afaste-se. Ligue já para os"
        " Bombeiros 193 e para a linha 24 horas da empresa {phone}.",
        "hazard.emergency": "Risco de vida (fio caído, fogo, choque)? Afaste-se. Ligue já para os"
        " Bombeiros 193 e para a linha de emergência da empresa {phone}.",
        "hazard.units": "Risco de vida (fio caído, fogo, choque)? Afaste-se. Ligue já para os"
        " Bombeiros 193 e depois para a empresa do seu estado (telefones abaixo).",
        "hazard.no_line": "Risco de vida (fio caído, fogo, choque)? Afaste-se e ligue já para os"
        " Bombeiros 193.",
        "tier.emergency": "EMERGÊNCIAS",
        "tier.first-line": "ATENDIMENTO (SAC) — comece aqui",
        "tier.first-line.hint": "Anote o número de protocolo de cada contato. O SAC tem 7 dias"
        " corridos para responder (Decreto 11.034/2022, art. 13).",
        "tier.ouvidoria": "OUVIDORIA — quando o SAC não resolveu",
        "tier.ouvidoria.hint": "Tenha em mãos os números de protocolo do SAC.",
        "tier.self-service": "AUTOATENDIMENTO",
        "tier.special": "EMPRESAS E CLIENTES ESPECIAIS",
        "tier.external": "SE A EMPRESA NÃO RESOLVER",
        "tier.external.hint": "Nesta ordem: o regulador, depois consumidor.gov.br ou Procon,"
        " depois a Justiça.",
        "channels": "CANAIS",
        "unit": "{name} ({state})",
        "units.hint": "Atende vários estados. Use --state {example} para ver um só.",
        "free": "gratuito",
        "open_now": "aberto agora",
        "open_until": "aberto agora, até {when}",
        "closed_opens": "fechado agora, abre {when}",
        "closed": "fechado agora",
        "hours_unknown": "horário desconhecido",
        "sms.send": "envie",
        "sms.to": "para {code}",
        "arg.customer-code": "<código do cliente>",
        "arg.cpf": "<CPF>",
        "arg.protocol": "<protocolo>",
        "arg.uc-number": "<número da UC>",
        "arg.none": "",
        "needs": "Precisa de",
        "versions": "as fontes divergem:",
        "version.or": "ou",
        "old_source": "fonte de {year}",
        "legend": "* informado por terceiros   ! divergente   — confirme antes de confiar.",
        "sources.title": "FONTES",
        "sources.hint": "Fontes: escalate lookup {id} --sources",
        "app.platforms": "({platforms})",
        "email": "e-mail",
        "req.sac-protocol": "número de protocolo do SAC",
        "req.finished-sac-protocol": "um protocolo do SAC já encerrado",
        "req.earlier-protocols": "protocolos dos contatos anteriores",
        "req.account-holder": "ser o titular da conta",
        "req.documents": "seus documentos",
        "req.appointment": "agendamento",
        "req.cpf": "CPF",
        "req.cpf-or-cnpj": "CPF ou CNPJ",
        "req.mobile-number": "um número de celular",
        "req.customer-code": "código do cliente (na conta)",
        "req.unique-code": "código único do cliente",
        "req.birth-date": "data de nascimento",
        "req.govbr-account": "conta gov.br (prata ou ouro)",
        "req.company-joined": "a empresa precisa estar na plataforma",
        "companies.title": "Empresas",
        "companies.hint": "Detalhes: escalate lookup ID",
        "col.id": "id",
        "col.name": "nome",
        "col.sector": "setor",
        "col.states": "estados",
        "col.channels": "canais",
        "col.verified": "conferido",
        "all_states": "todos",
        "err.unknown": "empresa ou órgão desconhecido: '{name}'",
        "err.did_you_mean": "você quis dizer: {names}?",
        "err.list_hint": "veja todas as empresas: escalate companies",
        "err.state": "{name} não tem atendimento cadastrado para o estado '{state}';"
        " atende: {states}",
        "err.state.bad": "não é uma sigla de estado: '{state}' (use duas letras, ex.: PA)",
        "warn.bad_file": "aviso: ignorado {problem}",
        "warn.validate": "confira sua pasta de dados: escalate data validate",
        "version": "escalate {version} · dados conferidos de {first} a {last}",
        "version.one": "escalate {version} · dados conferidos em {first}",
    },
}
