/**
 * The words of the staff pages (the frame, the staff, token and audit pages, and the refusals of
 * every staff route) in every shipped language, and the reader's language: staff have no link
 * that names a programme's languages, so their browser's Accept-Language chooses among all four.
 * Every table has every key: the type of the English one is the type of the others.
 */
import { LANGUAGES, type Language } from '#surveys/schema.ts';
import { pickLanguage } from './language.ts';

const en = {
  languageName: 'English',
  signedInAs: 'Signed in as',
  signOut: 'Sign out',
  navLabel: 'Staff pages',
  'nav.results': 'Results',
  'nav.summaries': 'Summaries',
  'nav.staff': 'Staff',
  'nav.audit': 'Audit log',
  'nav.tokens': 'API tokens',
  errorsHeading: 'Please check this',
  cancel: 'Cancel',

  'error.signedOutTitle': 'Signed out',
  'error.signedOut': 'You are signed out, or your session ended. Sign in to continue.',
  'error.signIn': 'Sign in',
  'signOut.provider': 'You are signed out of prepost. Now signing you out of the sign-in service too.',
  'signOut.continue': 'Continue',
  'error.forbiddenTitle': 'No access',
  'error.forbidden': 'Your account has no access to this page. If you need it, ask an admin.',
  'error.recomputingTitle': 'Being recomputed',
  'error.recomputing':
    'Someone withdrew since these results were computed: ' +
    'they are being recomputed without that person. Try again after the next aggregation (hourly).',
  'error.crossSiteTitle': 'Not accepted',
  'error.crossSite':
    'This form was sent from another site, so nothing was changed. Open the page here and send it from there.',
  'error.notFoundTitle': 'Not found',
  'error.notFound': 'There is nothing here. Check the address, or go back.',
  'error.badRequestTitle': 'Not understood',
  'error.badRequest': 'The request was not understood. Go back and try again.',
  'error.tooLarge': 'What was sent is too large.',
  'error.unsupported': 'What was sent could not be read. Please use the form on the page.',

  'role.admin': 'Admin',
  'role.coordinator': 'Coordinator',
  'role.evaluator': 'Evaluator',
  'role.funder': 'Funder',
  'roleHint.admin': 'manages staff and their access, reads the audit log',
  'roleHint.coordinator': 'cohorts, links and response rates; never results',
  'roleHint.evaluator': 'results, charts and exports',
  'roleHint.funder': 'the published summaries',
  grantOf: '{role} of {programme}',
  grantAdmin: 'Admin: manages staff, reads the audit log',
  everyProgramme: 'every programme',

  'staff.title': 'Staff',
  'staff.members': 'Members',
  'staff.noAccess': 'No access yet.',
  'staff.memberSince': 'Member since {date}',
  'staff.revoke': 'Revoke',
  'staff.grantMore': 'Give more access',
  'staff.grantButton': 'Give access',
  'staff.remove': 'Remove from staff',
  'staff.removeTitle': 'Remove {email}?',
  'staff.removeBody':
    'Their account is deleted, and their sessions and API tokens stop working at once. ' +
    'They can be added again later, as a new member.',
  'staff.removeConfirm': 'Yes, remove',
  'staff.addHeading': 'Add a staff member',
  'staff.email': 'Email',
  'staff.emailHint': 'The address they sign in with.',
  'staff.role': 'Role',
  'staff.programmes': 'Programmes',
  'staff.programmesHint': 'Every role but admin needs at least one.',
  'staff.addButton': 'Add member',
  'staff.you': '(you)',
  'done.invited': 'Member added: an invitation with a temporary password was emailed to them.',
  'done.granted': 'Access given.',
  'done.revoked': 'Access revoked.',
  'done.removed': 'Member removed.',
  'done.tokenRevoked': 'Token revoked: it no longer works.',
  'added.title': 'Staff member added',
  'added.body': '{email} can now sign in with this password, shown only this once:',
  'added.password': 'Password',
  'added.handOver':
    'Give it to them in person or over another channel than their email. Nobody can see it again: ' +
    'prepost keeps only a hash of it.',
  'added.back': 'Back to the staff list',

  'problem.email': 'Enter an email address, such as name@example.org.',
  'problem.role': 'Choose a role.',
  'problem.programmes': 'Choose at least one programme for this role.',
  'problem.unknownProgramme': 'Choose programmes from the list.',
  'problem.exists': 'This email is already a staff member’s.',
  'problem.unknownMember': 'No staff member has this email (any more).',
  'problem.lastAdmin': 'This is the last admin. Make someone else an admin first.',
  'problem.adminProgrammes': 'An admin holds every programme: choose no programme for this role.',
  'problem.notHeld': 'This member no longer holds that access: the list below is as it is now.',
  'problem.accountExists':
    'The sign-in service already has an account with this email, made outside prepost. ' +
    'Delete it there first, then add the member again.',
  'problem.days': 'Enter a whole number of days from 1 to 90.',
  'problem.tokenProgrammes': 'Choose at least one programme you read as an evaluator or coordinator.',
  'problem.unknownToken': 'There is no such token, or it is not yours to revoke.',
  'problem.ownerProgrammes': 'Choose at least one programme its owner reads as an evaluator or coordinator.',
  'problem.since': 'Enter a date, such as 2026-01-31.',

  'tokens.title': 'API tokens',
  'tokens.intro':
    'A personal token lets a script or a BI tool read the impact API with your access, read only. ' +
    'It is shown once, and it expires.',
  'tokens.yours': 'Your tokens',
  'tokens.everyone': 'Everyone’s tokens',
  'tokens.none': 'No tokens yet.',
  'tokens.owner': 'Owner',
  'tokens.createdBy': 'Made by',
  'tokens.programmes': 'Programmes',
  'tokens.created': 'Created',
  'tokens.expires': 'Expires',
  'tokens.status': 'Status',
  'tokens.revoke': 'Revoke',
  'status.active': 'Active',
  'status.expired': 'Expired',
  'status.revoked': 'Revoked',
  'tokens.createHeading': 'Create a token',
  'tokens.label': 'Name',
  'tokens.labelHint': 'What it is for, such as “Power BI, monthly report”.',
  'tokens.days': 'Days until it expires',
  'tokens.daysHint': 'From 1 to 90.',
  'tokens.readProgrammes': 'Programmes it may read',
  'tokens.readProgrammesHint': 'Only programmes you read as an evaluator or coordinator.',
  'tokens.readProgrammesOwnerHint': 'Only programmes its owner reads as an evaluator or coordinator.',
  'tokens.for': 'For (email)',
  'tokens.forHint': 'Leave it empty for a token of your own, or enter a staff member’s email to make one for them.',
  'tokens.cannotCreate':
    'You read no programme as an evaluator or coordinator, so a token of yours would read nothing.',
  'tokens.createButton': 'Create token',
  'created.title': 'Your new token',
  'created.once': 'Copy it now: it is shown only this once. prepost keeps only a hash of it and cannot show it again.',
  'created.token': 'Token',
  'created.copyHint': 'Select all the text in the box and copy it to a password manager or your tool’s settings.',
  'created.expires': 'It reads {programmes} and expires on {date}.',
  'created.useHeading': 'How to use it',
  'created.use': 'Send it in the Authorization header, putting the token in place of <token>. As JSON:',
  'created.useCsv': 'As CSV:',
  'created.back': 'Back to your tokens',

  'audit.title': 'Audit log',
  'audit.filter': 'Filter',
  'audit.programme': 'Programme',
  'audit.allProgrammes': 'All programmes',
  'audit.since': 'Since',
  'audit.show': 'Show',
  'audit.showing': 'Newest first, from {date}.',
  'audit.truncated': 'Only the newest {count} are shown: choose a later date to see the others.',
  'audit.none': 'Nothing was recorded in this period.',
  'audit.who': 'Who',
  'audit.what': 'What',
  'audit.detail': 'Detail',
  'actor.system': 'The schedule',
  'actor.participant': 'A participant',
  'actor.cli': 'Command line ({user})',
  'action.sign-in': 'Signed in',
  'action.sign-in-failed': 'Sign-in failed',
  'action.sign-out': 'Signed out',
  'action.token-created': 'API token created',
  'action.token-revoked': 'API token revoked',
  'action.staff-added': 'Staff member added',
  'action.staff-removed': 'Staff member removed',
  'action.grant-added': 'Access given',
  'action.grant-revoked': 'Access revoked',
  'action.links-created': 'Links created',
  'action.cohort-created': 'Cohort created',
  'action.cohort-changed': 'Cohort changed',
  'action.funder-added': 'Funder added',
  'action.funder-removed': 'Funder removed',
  'action.export': 'Responses exported',
  'action.erasure': 'Participant’s answers erased',
  'action.import': 'Responses imported',
  'action.summary-sent': 'Summary sent',
  'nav.console': 'Console',
  'console.title': 'Your programmes',
  'console.intro': 'The programmes you coordinate: their cohorts, who has answered, and their funders.',
  'console.organisation': 'Organisation',
  'console.openCohorts': 'Open cohorts',
  'console.closedCohorts': 'Closed cohorts',
  'console.funders': 'Funders',
  'console.allProgrammes': 'All your programmes',
  'console.cohorts': 'Cohorts',
  'console.noCohorts': 'No cohorts yet: create the first one below.',
  'console.site': 'Site',
  'console.status': 'Status',
  'console.open': 'Open',
  'console.closed': 'Closed',
  'console.participants': 'Participants',
  'console.answeredOf': '{answered} of {participants} answered',
  'console.lastAnswer': 'Last answer received',
  'console.noAnswer': 'None yet',
  'console.createHeading': 'Create a cohort',
  'console.cohortId': 'Cohort id',
  'console.cohortIdHint': 'Small letters, digits and hyphens, such as tarragona-2027. It cannot be changed later.',
  'console.cohortName': 'Name',
  'console.cohortNameHint': 'As staff will read it, such as Tarragona 2027.',
  'console.siteHint': 'Where it runs, such as a town or a centre (optional).',
  'console.comparison': 'Comparison cohort',
  'console.comparisonChoice': 'A waiting list: people not yet in the programme',
  'console.comparisonHint':
    'Tick it for people who answer the same questionnaires while they wait to join. Their change is set ' +
    "beside the programme cohorts' change, to show what the programme adds.",
  'console.comparisonBadge': 'Comparison cohort (waiting list)',
  'console.notSet': 'Not set',
  'console.windowsHint': 'Each questionnaire takes answers from its opening day to its closing day, both included.',
  'console.followupHint':
    'Leave its dates empty to open it {months} after the questionnaire before it closes, for four weeks.',
  'console.opens': 'Opens',
  'console.closes': 'Closes',
  'console.createButton': 'Create cohort',
  'console.fundersHint': 'They receive the programme’s summaries by email, each in the language chosen here.',
  'console.noFunders': 'No funders yet: no summary is emailed.',
  'console.funderName': 'Name',
  'console.funderEmail': 'Email',
  'console.funderLanguage': 'Language of their summary',
  'console.summaryIn': 'Summary in',
  'console.removeFunder': 'Remove',
  'console.addFunderHeading': 'Add a funder',
  'console.addFunderHint': 'A funder already listed with this email is changed instead.',
  'console.addFunderButton': 'Save funder',
  'console.done.created': 'Cohort created.',
  'console.done.changed': 'Changes saved.',
  'console.done.waveClosed': 'Wave closed: its links take no more answers.',
  'console.done.waveReopened': 'Wave reopened: its dates apply again.',
  'console.done.closed': 'Cohort closed.',
  'console.done.reopened': 'Cohort reopened.',
  'console.done.funderAdded': 'Funder saved.',
  'console.done.funderRemoved': 'Funder removed.',
  'console.answersHeading': 'Who has answered',
  'console.noParticipants': 'No participants yet: add some below.',
  'console.allAnswered': 'Everyone has answered.',
  'console.pendingBatch': 'Batch {batch} (cards in {language}): {count} without an answer',
  'console.pendingNumbers': 'Numbers without an answer',
  'console.remindersSummary': 'Reminder messages to copy ({count})',
  'console.remindersHint':
    'Participants are known here by their number in the batch only, as on their card. A reminder carries no ' +
    'link, because prepost keeps no copy of the codes: send it where the person received their link, or give ' +
    'them their card again.',
  'console.batchesHeading': 'Batches',
  'console.noBatches': 'No batches yet.',
  'console.batch': 'Batch {number}: {count} participants, cards in {language}, made {date}',
  'console.addHeading': 'Add participants',
  'console.addHint':
    'Each participant gets one link per questionnaire. The links are shown only once, when they are made: ' +
    'download the cards, the messages or the CSV then.',
  'console.count': 'How many participants',
  'console.countHint': 'From 1 to 500.',
  'console.language': 'Language of the cards and messages',
  'console.addButton': 'Make the links',
  'console.closedNoAdd': 'This cohort is closed: reopen it to add participants.',
  'console.windowsHeading': 'Name and wave windows',
  'console.saveButton': 'Save changes',
  'console.wavesHeading': 'Close a wave now',
  'console.wavesHint': 'A wave closed now takes no more answers, whatever its dates, until it is reopened.',
  'console.waveWindow': 'From {opens} to {closes}',
  'console.waveClosedEarly': 'Closed early.',
  'console.closeWave': 'Close this wave now',
  'console.reopenWave': 'Reopen this wave',
  'console.statusHeading': 'Close or reopen the cohort',
  'console.closeBody': 'A closed cohort takes no answers and no new participants. It can be reopened.',
  'console.noticeBefore':
    'Its funders ({funders}) will still receive this cohort’s results as they stand, in the summary of ' +
    '{month} sent at the start of {next}, with small groups hidden.',
  'console.noticeAfter':
    'Its funders ({funders}) receive this cohort’s results as they stand in the summary of {month}, ' +
    'sent at the start of {next}, with small groups hidden.',
  'console.noticeNoFunders': 'The programme has no funders, so no summary is emailed.',
  'console.closedBody': 'This cohort is closed: it takes no answers and no new participants.',
  'console.closeCohort': 'Close this cohort',
  'console.reopenCohort': 'Reopen this cohort',
  'console.batchTitle': 'Links made',
  'console.batchMade': '{count} participants added to {cohort}, with cards and messages in {language}.',
  'console.batchOnce':
    'The links are shown only this once. Download what you need now: prepost keeps no copy of the codes, ' +
    'and these downloads work from this page for 2 hours.',
  'console.downloads': 'Downloads',
  'console.downloadSheet': 'Printable cards (HTML)',
  'console.downloadMessages': 'Messages to send (text)',
  'console.downloadCsv': 'Links (CSV)',
  'console.backToCohort': 'Back to the cohort',
  'console.expiredTitle': 'Downloads expired',
  'console.expired':
    'These downloads worked for 2 hours after the links were made, and that time has passed. prepost keeps ' +
    'no copy of the codes: if the files were not saved, add new participants.',
  'console.sealRefused':
    'This download could not be checked, so nothing was sent. Open the cohort page and make the links again.',
  'problem.cohortId': 'Enter an id of small letters, digits and single hyphens, such as tarragona-2027.',
  'problem.cohortTaken': 'The programme already has a cohort with this id: choose another.',
  'problem.cohortName': 'Enter a name.',
  'problem.tooLong': 'This is too long: an id takes up to 64 characters, a name up to 200, an email up to 254.',
  'problem.site': 'Enter the site, or leave it empty.',
  'problem.attribute': 'Choose one of the options.',
  'problem.opensMissing': 'Enter the opening date.',
  'problem.closesMissing': 'Enter the closing date.',
  'problem.date': 'Enter a date, such as 2027-01-31.',
  'problem.closesBeforeOpens': 'The closing date must be on or after the opening date.',
  'problem.postOpensEarly': 'The second questionnaire of a session cannot open before the first one.',
  'problem.postClosesEarly': 'The second questionnaire of a session cannot close before the first one.',
  'problem.followupOpensEarly': 'A follow-up questionnaire cannot open before the second questionnaire of its session.',
  'problem.followupClosesEarly':
    'A follow-up questionnaire cannot close before the second questionnaire of its session.',
  'problem.comparisonFixed':
    'Whether a cohort is a comparison group can change only before its first participants are ' +
    'added: their answers may already be in a summary funders have received.',
  'problem.count': 'Enter a whole number from 1 to 500.',
  'problem.language': 'Choose one of the languages.',
  'problem.funderName': 'Enter the funder’s name.',
  'problem.notAFunder': 'No funder has this email (any more).',
  'problem.cohortClosed': 'This cohort is closed: reopen it to add participants.',
  'problem.closesAfterExpiry':
    'This cohort’s links are deleted, with the programme’s data, on or before this day: close this wave earlier.',
  'problem.retention':
    'Links made today would be deleted, with the programme’s data, before the last wave closes: ' +
    'move the closing dates earlier.',
  'problem.cohortForm': 'Something in this form could not be accepted. Check it and send it again.',
  'problem.batchRepeated':
    'Participants were added since this page was opened (perhaps this form was sent twice): ' +
    'check the batches below before making more.',
};

type StaffStrings = typeof en;

const ro: StaffStrings = {
  languageName: 'Română',
  signedInAs: 'Conectat ca',
  signOut: 'Deconectare',
  navLabel: 'Paginile echipei',
  'nav.results': 'Rezultate',
  'nav.summaries': 'Rezumate',
  'nav.staff': 'Echipa',
  'nav.audit': 'Jurnal de audit',
  'nav.tokens': 'Tokenuri API',
  errorsHeading: 'Vă rugăm să verificați',
  cancel: 'Anulare',

  'error.signedOutTitle': 'Deconectat',
  'error.signedOut': 'Nu sunteți conectat sau sesiunea s-a încheiat. Conectați-vă pentru a continua.',
  'error.signIn': 'Conectare',
  'signOut.provider': 'V-ați deconectat din prepost. Acum vă deconectăm și din serviciul de autentificare.',
  'signOut.continue': 'Continuați',
  'error.forbiddenTitle': 'Fără acces',
  'error.forbidden':
    'Contul dumneavoastră nu are acces la această pagină. Dacă aveți nevoie, cereți-l unui administrator.',
  'error.recomputingTitle': 'În curs de recalculare',
  'error.recomputing':
    'Cineva s-a retras după ce au fost calculate aceste rezultate: ' +
    'sunt recalculate fără persoana respectivă. Încercați din nou după următoarea agregare (din oră în oră).',
  'error.crossSiteTitle': 'Neacceptat',
  'error.crossSite':
    'Acest formular a fost trimis de pe alt site, așa că nu s-a schimbat nimic. ' +
    'Deschideți pagina aici și trimiteți-l de acolo.',
  'error.notFoundTitle': 'Negăsit',
  'error.notFound': 'Nu există nimic aici. Verificați adresa sau reveniți.',
  'error.badRequestTitle': 'Neînțeles',
  'error.badRequest': 'Cererea nu a fost înțeleasă. Reveniți și încercați din nou.',
  'error.tooLarge': 'Ce ați trimis este prea mare.',
  'error.unsupported': 'Ce ați trimis nu a putut fi citit. Vă rugăm să folosiți formularul din pagină.',

  'role.admin': 'Administrator',
  'role.coordinator': 'Coordonator',
  'role.evaluator': 'Evaluator',
  'role.funder': 'Finanțator',
  'roleHint.admin': 'gestionează echipa și accesul, citește jurnalul de audit',
  'roleHint.coordinator': 'cohorte, linkuri și rate de răspuns; niciodată rezultate',
  'roleHint.evaluator': 'rezultate, grafice și exporturi',
  'roleHint.funder': 'rezumatele publicate',
  grantOf: '{role} pentru {programme}',
  grantAdmin: 'Administrator: gestionează echipa, citește jurnalul de audit',
  everyProgramme: 'toate programele',

  'staff.title': 'Echipa',
  'staff.members': 'Membri',
  'staff.noAccess': 'Încă niciun acces.',
  'staff.memberSince': 'Membru din {date}',
  'staff.revoke': 'Retrage',
  'staff.grantMore': 'Acordă mai mult acces',
  'staff.grantButton': 'Acordă accesul',
  'staff.remove': 'Elimină din echipă',
  'staff.removeTitle': 'Eliminați {email}?',
  'staff.removeBody':
    'Contul este șters, iar sesiunile și tokenurile API ale persoanei nu mai funcționează imediat. ' +
    'Poate fi adăugată din nou mai târziu, ca membru nou.',
  'staff.removeConfirm': 'Da, elimină',
  'staff.addHeading': 'Adăugați un membru al echipei',
  'staff.email': 'E-mail',
  'staff.emailHint': 'Adresa cu care se conectează.',
  'staff.role': 'Rol',
  'staff.programmes': 'Programe',
  'staff.programmesHint': 'Fiecare rol, în afară de administrator, are nevoie de cel puțin unul.',
  'staff.addButton': 'Adaugă membrul',
  'staff.you': '(dumneavoastră)',
  'done.invited': 'Membru adăugat: i s-a trimis prin e-mail o invitație cu o parolă temporară.',
  'done.granted': 'Acces acordat.',
  'done.revoked': 'Acces retras.',
  'done.removed': 'Membru eliminat.',
  'done.tokenRevoked': 'Token retras: nu mai funcționează.',
  'added.title': 'Membru adăugat',
  'added.body': '{email} se poate conecta acum cu această parolă, afișată doar acum:',
  'added.password': 'Parolă',
  'added.handOver':
    'Dați-i-o personal sau pe alt canal decât e-mailul. Nimeni nu o mai poate vedea: ' +
    'prepost păstrează doar un hash al ei.',
  'added.back': 'Înapoi la lista echipei',

  'problem.email': 'Introduceți o adresă de e-mail, de exemplu nume@example.org.',
  'problem.role': 'Alegeți un rol.',
  'problem.programmes': 'Alegeți cel puțin un program pentru acest rol.',
  'problem.unknownProgramme': 'Alegeți programe din listă.',
  'problem.exists': 'Acest e-mail aparține deja unui membru al echipei.',
  'problem.unknownMember': 'Niciun membru al echipei nu (mai) are acest e-mail.',
  'problem.lastAdmin': 'Acesta este ultimul administrator. Faceți mai întâi pe altcineva administrator.',
  'problem.adminProgrammes': 'Un administrator are toate programele: nu alegeți niciun program pentru acest rol.',
  'problem.notHeld': 'Acest membru nu mai are acest acces: lista de mai jos arată situația actuală.',
  'problem.accountExists':
    'Serviciul de autentificare are deja un cont cu acest e-mail, creat în afara prepost. ' +
    'Ștergeți-l mai întâi acolo, apoi adăugați din nou membrul.',
  'problem.days': 'Introduceți un număr întreg de zile, de la 1 la 90.',
  'problem.tokenProgrammes': 'Alegeți cel puțin un program pe care îl citiți ca evaluator sau coordonator.',
  'problem.unknownToken': 'Nu există acest token sau nu îl puteți retrage.',
  'problem.ownerProgrammes':
    'Alegeți cel puțin un program pe care proprietarul tokenului îl citește ca evaluator sau coordonator.',
  'problem.since': 'Introduceți o dată, de exemplu 2026-01-31.',

  'tokens.title': 'Tokenuri API',
  'tokens.intro':
    'Un token personal permite unui script sau unui instrument BI să citească API-ul de impact cu accesul ' +
    'dumneavoastră, doar pentru citire. Este afișat o singură dată și expiră.',
  'tokens.yours': 'Tokenurile dumneavoastră',
  'tokens.everyone': 'Tokenurile tuturor',
  'tokens.none': 'Încă niciun token.',
  'tokens.owner': 'Proprietar',
  'tokens.createdBy': 'Creat de',
  'tokens.programmes': 'Programe',
  'tokens.created': 'Creat',
  'tokens.expires': 'Expiră',
  'tokens.status': 'Stare',
  'tokens.revoke': 'Retrage',
  'status.active': 'Activ',
  'status.expired': 'Expirat',
  'status.revoked': 'Retras',
  'tokens.createHeading': 'Creați un token',
  'tokens.label': 'Nume',
  'tokens.labelHint': 'La ce folosește, de exemplu „Power BI, raport lunar”.',
  'tokens.days': 'Zile până la expirare',
  'tokens.daysHint': 'De la 1 la 90.',
  'tokens.readProgrammes': 'Programe pe care le poate citi',
  'tokens.readProgrammesHint': 'Doar programe pe care le citiți ca evaluator sau coordonator.',
  'tokens.readProgrammesOwnerHint': 'Doar programe pe care proprietarul lui le citește ca evaluator sau coordonator.',
  'tokens.for': 'Pentru (e-mail)',
  'tokens.forHint':
    'Lăsați gol pentru propriul token sau introduceți e-mailul unui membru al echipei pentru a-i face unul.',
  'tokens.cannotCreate':
    'Nu citiți niciun program ca evaluator sau coordonator, așa că un token al dumneavoastră nu ar citi nimic.',
  'tokens.createButton': 'Creează tokenul',
  'created.title': 'Tokenul dumneavoastră nou',
  'created.once':
    'Copiați-l acum: este afișat doar de data aceasta. ' +
    'prepost păstrează doar un hash al lui și nu îl mai poate afișa.',
  'created.token': 'Token',
  'created.copyHint':
    'Selectați tot textul din casetă și copiați-l într-un manager de parole sau în setările instrumentului.',
  'created.expires': 'Citește {programmes} și expiră la {date}.',
  'created.useHeading': 'Cum îl folosiți',
  'created.use': 'Trimiteți-l în antetul Authorization, punând tokenul în locul lui <token>. Ca JSON:',
  'created.useCsv': 'Ca CSV:',
  'created.back': 'Înapoi la tokenurile dumneavoastră',

  'audit.title': 'Jurnal de audit',
  'audit.filter': 'Filtru',
  'audit.programme': 'Program',
  'audit.allProgrammes': 'Toate programele',
  'audit.since': 'De la',
  'audit.show': 'Afișează',
  'audit.showing': 'Cele mai noi întâi, de la {date}.',
  'audit.truncated':
    'Sunt afișate doar cele mai noi {count}: alegeți o dată mai târzie pentru a le vedea pe celelalte.',
  'audit.none': 'Nu s-a înregistrat nimic în această perioadă.',
  'audit.who': 'Cine',
  'audit.what': 'Ce',
  'audit.detail': 'Detalii',
  'actor.system': 'Programarea automată',
  'actor.participant': 'Un participant',
  'actor.cli': 'Linia de comandă ({user})',
  'action.sign-in': 'S-a conectat',
  'action.sign-in-failed': 'Conectare eșuată',
  'action.sign-out': 'S-a deconectat',
  'action.token-created': 'Token API creat',
  'action.token-revoked': 'Token API retras',
  'action.staff-added': 'Membru adăugat',
  'action.staff-removed': 'Membru eliminat',
  'action.grant-added': 'Acces acordat',
  'action.grant-revoked': 'Acces retras',
  'action.links-created': 'Linkuri create',
  'action.cohort-created': 'Cohortă creată',
  'action.cohort-changed': 'Cohortă modificată',
  'action.funder-added': 'Finanțator adăugat',
  'action.funder-removed': 'Finanțator eliminat',
  'action.export': 'Răspunsuri exportate',
  'action.erasure': 'Răspunsurile unui participant șterse',
  'action.import': 'Răspunsuri importate',
  'action.summary-sent': 'Rezumat trimis',
  'nav.console': 'Consolă',
  'console.title': 'Programele dumneavoastră',
  'console.intro': 'Programele pe care le coordonați: cohortele, cine a răspuns și finanțatorii lor.',
  'console.organisation': 'Organizație',
  'console.openCohorts': 'Cohorte deschise',
  'console.closedCohorts': 'Cohorte închise',
  'console.funders': 'Finanțatori',
  'console.allProgrammes': 'Toate programele dumneavoastră',
  'console.cohorts': 'Cohorte',
  'console.noCohorts': 'Încă nu există cohorte: creați-o pe prima mai jos.',
  'console.site': 'Locul',
  'console.status': 'Stare',
  'console.open': 'Deschisă',
  'console.closed': 'Închisă',
  'console.participants': 'Participanți',
  'console.answeredOf': '{answered} din {participants} au răspuns',
  'console.lastAnswer': 'Ultimul răspuns primit',
  'console.noAnswer': 'Încă niciunul',
  'console.createHeading': 'Creați o cohortă',
  'console.cohortId': 'Identificatorul cohortei',
  'console.cohortIdHint': 'Litere mici, cifre și cratime, de exemplu tarragona-2027. Nu poate fi schimbat mai târziu.',
  'console.cohortName': 'Nume',
  'console.cohortNameHint': 'Cum îl va citi echipa, de exemplu Tarragona 2027.',
  'console.siteHint': 'Unde se desfășoară, de exemplu un oraș sau un centru (opțional).',
  'console.comparison': 'Cohortă de comparație',
  'console.comparisonChoice': 'O listă de așteptare: persoane care nu sunt încă în program',
  'console.comparisonHint':
    'Bifați pentru persoanele care completează aceleași chestionare cât timp așteaptă să intre în program. ' +
    'Schimbarea lor se pune alături de cea a cohortelor din program, ca să se vadă ce aduce programul.',
  'console.comparisonBadge': 'Cohortă de comparație (listă de așteptare)',
  'console.notSet': 'Nestabilit',
  'console.windowsHint':
    'Fiecare chestionar primește răspunsuri de la ziua deschiderii până la ziua închiderii, ambele incluse.',
  'console.followupHint':
    'Lăsați datele goale ca să se deschidă la {months} după închiderea chestionarului de dinainte, ' +
    'timp de patru săptămâni.',
  'console.opens': 'Se deschide',
  'console.closes': 'Se închide',
  'console.createButton': 'Creați cohorta',
  'console.fundersHint': 'Primesc rezumatele programului prin e-mail, fiecare în limba aleasă aici.',
  'console.noFunders': 'Încă nu există finanțatori: nu se trimite niciun rezumat.',
  'console.funderName': 'Nume',
  'console.funderEmail': 'E-mail',
  'console.funderLanguage': 'Limba rezumatului',
  'console.summaryIn': 'Rezumat în',
  'console.removeFunder': 'Eliminați',
  'console.addFunderHeading': 'Adăugați un finanțator',
  'console.addFunderHint': 'Dacă un finanțator are deja acest e-mail, datele lui sunt modificate.',
  'console.addFunderButton': 'Salvați finanțatorul',
  'console.done.created': 'Cohorta a fost creată.',
  'console.done.changed': 'Modificările au fost salvate.',
  'console.done.waveClosed': 'Etapa a fost închisă: linkurile ei nu mai primesc răspunsuri.',
  'console.done.waveReopened': 'Etapa a fost redeschisă: datele ei se aplică din nou.',
  'console.done.closed': 'Cohorta a fost închisă.',
  'console.done.reopened': 'Cohorta a fost redeschisă.',
  'console.done.funderAdded': 'Finanțatorul a fost salvat.',
  'console.done.funderRemoved': 'Finanțatorul a fost eliminat.',
  'console.answersHeading': 'Cine a răspuns',
  'console.noParticipants': 'Încă nu există participanți: adăugați mai jos.',
  'console.allAnswered': 'Toți au răspuns.',
  'console.pendingBatch': 'Lotul {batch} (carduri în {language}): {count} fără răspuns',
  'console.pendingNumbers': 'Numere fără răspuns',
  'console.remindersSummary': 'Mesaje de reamintire de copiat ({count})',
  'console.remindersHint':
    'Aici participanții sunt cunoscuți doar după numărul din lot, ca pe card. Reamintirea nu conține ' +
    'linkul, pentru că prepost nu păstrează nicio copie a codurilor: trimiteți-o acolo unde persoana ' +
    'și-a primit linkul sau dați-i din nou cardul.',
  'console.batchesHeading': 'Loturi',
  'console.noBatches': 'Încă nu există loturi.',
  'console.batch': 'Lotul {number}: {count} participanți, carduri în {language}, creat pe {date}',
  'console.addHeading': 'Adăugați participanți',
  'console.addHint':
    'Fiecare participant primește câte un link pentru fiecare chestionar. Linkurile sunt afișate o singură ' +
    'dată, când sunt create: descărcați atunci cardurile, mesajele sau fișierul CSV.',
  'console.count': 'Câți participanți',
  'console.countHint': 'Între 1 și 500.',
  'console.language': 'Limba cardurilor și a mesajelor',
  'console.addButton': 'Creați linkurile',
  'console.closedNoAdd': 'Această cohortă este închisă: redeschideți-o pentru a adăuga participanți.',
  'console.windowsHeading': 'Numele și perioadele etapelor',
  'console.saveButton': 'Salvați modificările',
  'console.wavesHeading': 'Închideți acum o etapă',
  'console.wavesHint':
    'O etapă închisă acum nu mai primește răspunsuri, indiferent de date, până când este redeschisă.',
  'console.waveWindow': 'De la {opens} până la {closes}',
  'console.waveClosedEarly': 'Închisă înainte de termen.',
  'console.closeWave': 'Închideți acum etapa',
  'console.reopenWave': 'Redeschideți etapa',
  'console.statusHeading': 'Închideți sau redeschideți cohorta',
  'console.closeBody': 'O cohortă închisă nu mai primește răspunsuri și nici participanți noi. Poate fi redeschisă.',
  'console.noticeBefore':
    'Finanțatorii ei ({funders}) vor primi în continuare rezultatele acestei cohorte așa cum sunt, în ' +
    'rezumatul lunii {month} trimis la începutul lunii {next}, cu grupurile mici ascunse.',
  'console.noticeAfter':
    'Finanțatorii ei ({funders}) primesc rezultatele acestei cohorte așa cum sunt în rezumatul lunii ' +
    '{month}, trimis la începutul lunii {next}, cu grupurile mici ascunse.',
  'console.noticeNoFunders': 'Programul nu are finanțatori, deci nu se trimite niciun rezumat.',
  'console.closedBody': 'Această cohortă este închisă: nu primește răspunsuri și nici participanți noi.',
  'console.closeCohort': 'Închideți cohorta',
  'console.reopenCohort': 'Redeschideți cohorta',
  'console.batchTitle': 'Linkuri create',
  'console.batchMade': '{count} participanți adăugați la {cohort}, cu carduri și mesaje în {language}.',
  'console.batchOnce':
    'Linkurile sunt afișate doar de această dată. Descărcați acum ce vă trebuie: prepost nu păstrează ' +
    'nicio copie a codurilor, iar descărcările funcționează din această pagină timp de 2 ore.',
  'console.downloads': 'Descărcări',
  'console.downloadSheet': 'Carduri de tipărit (HTML)',
  'console.downloadMessages': 'Mesaje de trimis (text)',
  'console.downloadCsv': 'Linkuri (CSV)',
  'console.backToCohort': 'Înapoi la cohortă',
  'console.expiredTitle': 'Descărcările au expirat',
  'console.expired':
    'Aceste descărcări au funcționat 2 ore după crearea linkurilor, iar timpul a trecut. prepost nu ' +
    'păstrează nicio copie a codurilor: dacă fișierele nu au fost salvate, adăugați participanți noi.',
  'console.sealRefused':
    'Această descărcare nu a putut fi verificată, așa că nu s-a trimis nimic. Deschideți pagina cohortei ' +
    'și creați din nou linkurile.',
  'problem.cohortId':
    'Introduceți un identificator din litere mici, cifre și cratime simple, de exemplu tarragona-2027.',
  'problem.cohortTaken': 'Programul are deja o cohortă cu acest identificator: alegeți altul.',
  'problem.cohortName': 'Introduceți un nume.',
  'problem.tooLong':
    'Textul este prea lung: un identificator are cel mult 64 de caractere, un nume 200, un e-mail 254.',
  'problem.site': 'Introduceți locul sau lăsați câmpul gol.',
  'problem.attribute': 'Alegeți una dintre opțiuni.',
  'problem.opensMissing': 'Introduceți data deschiderii.',
  'problem.closesMissing': 'Introduceți data închiderii.',
  'problem.date': 'Introduceți o dată, de exemplu 2027-01-31.',
  'problem.closesBeforeOpens': 'Data închiderii trebuie să fie aceeași cu data deschiderii sau după ea.',
  'problem.postOpensEarly': 'Al doilea chestionar al unei sesiuni nu se poate deschide înaintea primului.',
  'problem.postClosesEarly': 'Al doilea chestionar al unei sesiuni nu se poate închide înaintea primului.',
  'problem.followupOpensEarly':
    'Chestionarul de revenire nu se poate deschide înaintea celui de-al doilea chestionar al sesiunii.',
  'problem.followupClosesEarly':
    'Chestionarul de revenire nu se poate închide înaintea celui de-al doilea chestionar al sesiunii.',
  'problem.comparisonFixed':
    'Faptul că o cohortă este grup de comparație se poate schimba doar înainte de adăugarea ' +
    'primilor participanți: răspunsurile lor pot fi deja într-un rezumat primit de finanțatori.',
  'problem.count': 'Introduceți un număr întreg între 1 și 500.',
  'problem.language': 'Alegeți una dintre limbi.',
  'problem.funderName': 'Introduceți numele finanțatorului.',
  'problem.notAFunder': 'Niciun finanțator nu (mai) are acest e-mail.',
  'problem.cohortClosed': 'Această cohortă este închisă: redeschideți-o pentru a adăuga participanți.',
  'problem.closesAfterExpiry':
    'Linkurile acestei cohorte sunt șterse, cu datele programului, până în această zi: închideți etapa mai devreme.',
  'problem.retention':
    'Linkurile create azi ar fi șterse, împreună cu datele programului, înainte să se închidă ultima etapă: ' +
    'mutați mai devreme datele de închidere.',
  'problem.cohortForm': 'Ceva din acest formular nu a putut fi acceptat. Verificați-l și trimiteți-l din nou.',
  'problem.batchRepeated':
    'Au fost adăugați participanți de când a fost deschisă această pagină (poate formularul a fost trimis ' +
    'de două ori): verificați loturile de mai jos înainte de a crea altele.',
};

const es: StaffStrings = {
  languageName: 'Español',
  signedInAs: 'Sesión iniciada como',
  signOut: 'Cerrar sesión',
  navLabel: 'Páginas del equipo',
  'nav.results': 'Resultados',
  'nav.summaries': 'Resúmenes',
  'nav.staff': 'Equipo',
  'nav.audit': 'Registro de auditoría',
  'nav.tokens': 'Tokens de API',
  errorsHeading: 'Por favor, revisa esto',
  cancel: 'Cancelar',

  'error.signedOutTitle': 'Sesión cerrada',
  'error.signedOut': 'No has iniciado sesión o tu sesión ha terminado. Inicia sesión para continuar.',
  'error.signIn': 'Iniciar sesión',
  'signOut.provider': 'Ha cerrado la sesión en prepost. Ahora cerramos también su sesión en el servicio de acceso.',
  'signOut.continue': 'Continuar',
  'error.forbiddenTitle': 'Sin acceso',
  'error.forbidden': 'Tu cuenta no tiene acceso a esta página. Si lo necesitas, pídeselo a una persona administradora.',
  'error.recomputingTitle': 'Recalculándose',
  'error.recomputing':
    'Alguien se ha retirado desde que se calcularon estos resultados: ' +
    'se están recalculando sin esa persona. Vuelva a intentarlo tras la próxima agregación (cada hora).',
  'error.crossSiteTitle': 'No aceptado',
  'error.crossSite':
    'Este formulario se envió desde otro sitio, así que no se ha cambiado nada. ' +
    'Abre la página aquí y envíalo desde ella.',
  'error.notFoundTitle': 'No encontrado',
  'error.notFound': 'Aquí no hay nada. Revisa la dirección o vuelve atrás.',
  'error.badRequestTitle': 'No entendido',
  'error.badRequest': 'No se ha entendido la petición. Vuelve atrás e inténtalo de nuevo.',
  'error.tooLarge': 'Lo que se ha enviado es demasiado grande.',
  'error.unsupported': 'No se ha podido leer lo que se ha enviado. Por favor, usa el formulario de la página.',

  'role.admin': 'Administrador/a',
  'role.coordinator': 'Coordinador/a',
  'role.evaluator': 'Evaluador/a',
  'role.funder': 'Financiador/a',
  'roleHint.admin': 'gestiona el equipo y sus accesos, lee el registro de auditoría',
  'roleHint.coordinator': 'cohortes, enlaces y tasas de respuesta; nunca resultados',
  'roleHint.evaluator': 'resultados, gráficos y exportaciones',
  'roleHint.funder': 'los resúmenes publicados',
  grantOf: '{role} del programa {programme}',
  grantAdmin: 'Administrador/a: gestiona el equipo, lee el registro de auditoría',
  everyProgramme: 'todos los programas',

  'staff.title': 'Equipo',
  'staff.members': 'Miembros',
  'staff.noAccess': 'Todavía sin acceso.',
  'staff.memberSince': 'Miembro desde el {date}',
  'staff.revoke': 'Retirar',
  'staff.grantMore': 'Dar más acceso',
  'staff.grantButton': 'Dar acceso',
  'staff.remove': 'Quitar del equipo',
  'staff.removeTitle': '¿Quitar a {email}?',
  'staff.removeBody':
    'Su cuenta se borra, y sus sesiones y tokens de API dejan de funcionar al momento. ' +
    'Se puede volver a añadir más adelante, como miembro nuevo.',
  'staff.removeConfirm': 'Sí, quitar',
  'staff.addHeading': 'Añadir a alguien al equipo',
  'staff.email': 'Correo electrónico',
  'staff.emailHint': 'La dirección con la que inicia sesión.',
  'staff.role': 'Rol',
  'staff.programmes': 'Programas',
  'staff.programmesHint': 'Todos los roles menos el de administración necesitan al menos uno.',
  'staff.addButton': 'Añadir miembro',
  'staff.you': '(tú)',
  'done.invited': 'Miembro añadido: se le ha enviado por correo una invitación con una contraseña temporal.',
  'done.granted': 'Acceso dado.',
  'done.revoked': 'Acceso retirado.',
  'done.removed': 'Miembro quitado.',
  'done.tokenRevoked': 'Token retirado: ya no funciona.',
  'added.title': 'Miembro añadido',
  'added.body': '{email} ya puede iniciar sesión con esta contraseña, que solo se muestra esta vez:',
  'added.password': 'Contraseña',
  'added.handOver':
    'Dásela en persona o por otro canal que no sea su correo. Nadie podrá volver a verla: ' +
    'prepost solo guarda un hash.',
  'added.back': 'Volver a la lista del equipo',

  'problem.email': 'Escribe una dirección de correo, como nombre@example.org.',
  'problem.role': 'Elige un rol.',
  'problem.programmes': 'Elige al menos un programa para este rol.',
  'problem.unknownProgramme': 'Elige programas de la lista.',
  'problem.exists': 'Este correo ya es de un miembro del equipo.',
  'problem.unknownMember': 'Ningún miembro del equipo tiene (ya) este correo.',
  'problem.lastAdmin': 'Es la última persona administradora. Da primero el rol de administración a otra persona.',
  'problem.adminProgrammes': 'La administración abarca todos los programas: no elijas ningún programa para este rol.',
  'problem.notHeld': 'Este miembro ya no tiene ese acceso: la lista de abajo muestra cómo está ahora.',
  'problem.accountExists':
    'El servicio de acceso ya tiene una cuenta con este correo, creada fuera de prepost. ' +
    'Bórrala allí primero y vuelve a añadir al miembro.',
  'problem.days': 'Escribe un número entero de días, de 1 a 90.',
  'problem.tokenProgrammes': 'Elige al menos un programa que leas como evaluador/a o coordinador/a.',
  'problem.unknownToken': 'Ese token no existe o no puedes retirarlo.',
  'problem.ownerProgrammes': 'Elige al menos un programa que su titular lea como evaluador/a o coordinador/a.',
  'problem.since': 'Escribe una fecha, como 2026-01-31.',

  'tokens.title': 'Tokens de API',
  'tokens.intro':
    'Un token personal permite que un script o una herramienta de BI lea la API de impacto con tu acceso, ' +
    'solo para lectura. Se muestra una vez y caduca.',
  'tokens.yours': 'Tus tokens',
  'tokens.everyone': 'Los tokens de todo el equipo',
  'tokens.none': 'Todavía no hay tokens.',
  'tokens.owner': 'Titular',
  'tokens.createdBy': 'Creado por',
  'tokens.programmes': 'Programas',
  'tokens.created': 'Creado',
  'tokens.expires': 'Caduca',
  'tokens.status': 'Estado',
  'tokens.revoke': 'Retirar',
  'status.active': 'Activo',
  'status.expired': 'Caducado',
  'status.revoked': 'Retirado',
  'tokens.createHeading': 'Crear un token',
  'tokens.label': 'Nombre',
  'tokens.labelHint': 'Para qué sirve, como «Power BI, informe mensual».',
  'tokens.days': 'Días hasta que caduque',
  'tokens.daysHint': 'De 1 a 90.',
  'tokens.readProgrammes': 'Programas que puede leer',
  'tokens.readProgrammesHint': 'Solo programas que lees como evaluador/a o coordinador/a.',
  'tokens.readProgrammesOwnerHint': 'Solo programas que su titular lee como evaluador/a o coordinador/a.',
  'tokens.for': 'Para (correo)',
  'tokens.forHint': 'Déjalo vacío para un token tuyo, o escribe el correo de un miembro del equipo para crearle uno.',
  'tokens.cannotCreate':
    'No lees ningún programa como evaluador/a o coordinador/a, así que un token tuyo no leería nada.',
  'tokens.createButton': 'Crear token',
  'created.title': 'Tu token nuevo',
  'created.once': 'Cópialo ahora: solo se muestra esta vez. prepost solo guarda un hash y no puede volver a mostrarlo.',
  'created.token': 'Token',
  'created.copyHint':
    'Selecciona todo el texto del cuadro y cópialo en un gestor de contraseñas ' +
    'o en la configuración de tu herramienta.',
  'created.expires': 'Lee {programmes} y caduca el {date}.',
  'created.useHeading': 'Cómo usarlo',
  'created.use': 'Envíalo en la cabecera Authorization, poniendo el token en lugar de <token>. En JSON:',
  'created.useCsv': 'En CSV:',
  'created.back': 'Volver a tus tokens',

  'audit.title': 'Registro de auditoría',
  'audit.filter': 'Filtrar',
  'audit.programme': 'Programa',
  'audit.allProgrammes': 'Todos los programas',
  'audit.since': 'Desde',
  'audit.show': 'Mostrar',
  'audit.showing': 'Lo más reciente primero, desde el {date}.',
  'audit.truncated':
    'Solo se muestran las {count} entradas más recientes: elige una fecha posterior para ver las demás.',
  'audit.none': 'No se registró nada en este periodo.',
  'audit.who': 'Quién',
  'audit.what': 'Qué',
  'audit.detail': 'Detalle',
  'actor.system': 'La programación automática',
  'actor.participant': 'Una persona participante',
  'actor.cli': 'Línea de comandos ({user})',
  'action.sign-in': 'Inicio de sesión',
  'action.sign-in-failed': 'Inicio de sesión fallido',
  'action.sign-out': 'Cierre de sesión',
  'action.token-created': 'Token de API creado',
  'action.token-revoked': 'Token de API retirado',
  'action.staff-added': 'Miembro añadido',
  'action.staff-removed': 'Miembro quitado',
  'action.grant-added': 'Acceso dado',
  'action.grant-revoked': 'Acceso retirado',
  'action.links-created': 'Enlaces creados',
  'action.cohort-created': 'Cohorte creada',
  'action.cohort-changed': 'Cohorte modificada',
  'action.funder-added': 'Financiador añadido',
  'action.funder-removed': 'Financiador eliminado',
  'action.export': 'Respuestas exportadas',
  'action.erasure': 'Respuestas de una persona participante borradas',
  'action.import': 'Respuestas importadas',
  'action.summary-sent': 'Resumen enviado',
  'nav.console': 'Consola',
  'console.title': 'Tus programas',
  'console.intro': 'Los programas que coordinas: sus cohortes, quién ha respondido y sus financiadores.',
  'console.organisation': 'Organización',
  'console.openCohorts': 'Cohortes abiertas',
  'console.closedCohorts': 'Cohortes cerradas',
  'console.funders': 'Financiadores',
  'console.allProgrammes': 'Todos tus programas',
  'console.cohorts': 'Cohortes',
  'console.noCohorts': 'Todavía no hay cohortes: crea la primera más abajo.',
  'console.site': 'Lugar',
  'console.status': 'Estado',
  'console.open': 'Abierta',
  'console.closed': 'Cerrada',
  'console.participants': 'Participantes',
  'console.answeredOf': '{answered} de {participants} han respondido',
  'console.lastAnswer': 'Última respuesta recibida',
  'console.noAnswer': 'Ninguna todavía',
  'console.createHeading': 'Crear una cohorte',
  'console.cohortId': 'Identificador de la cohorte',
  'console.cohortIdHint': 'Minúsculas, cifras y guiones, como tarragona-2027. No se puede cambiar después.',
  'console.cohortName': 'Nombre',
  'console.cohortNameHint': 'Como lo leerá el equipo, como Tarragona 2027.',
  'console.siteHint': 'Dónde se realiza, como una ciudad o un centro (opcional).',
  'console.comparison': 'Cohorte de comparación',
  'console.comparisonChoice': 'Una lista de espera: personas que aún no están en el programa',
  'console.comparisonHint':
    'Márcalo para personas que responden los mismos cuestionarios mientras esperan entrar. Su cambio se ' +
    'pone al lado del de las cohortes del programa, para mostrar qué aporta el programa.',
  'console.comparisonBadge': 'Cohorte de comparación (lista de espera)',
  'console.notSet': 'Sin indicar',
  'console.windowsHint':
    'Cada cuestionario acepta respuestas desde su día de apertura hasta su día de cierre, ambos incluidos.',
  'console.followupHint':
    'Deja las fechas vacías para abrirlo {months} después del cierre del cuestionario anterior, ' +
    'durante cuatro semanas.',
  'console.opens': 'Se abre',
  'console.closes': 'Se cierra',
  'console.createButton': 'Crear cohorte',
  'console.fundersHint': 'Reciben los resúmenes del programa por correo, cada uno en el idioma elegido aquí.',
  'console.noFunders': 'Todavía no hay financiadores: no se envía ningún resumen.',
  'console.funderName': 'Nombre',
  'console.funderEmail': 'Correo electrónico',
  'console.funderLanguage': 'Idioma de su resumen',
  'console.summaryIn': 'Resumen en',
  'console.removeFunder': 'Quitar',
  'console.addFunderHeading': 'Añadir un financiador',
  'console.addFunderHint': 'Si ya hay un financiador con este correo, se cambian sus datos.',
  'console.addFunderButton': 'Guardar financiador',
  'console.done.created': 'Cohorte creada.',
  'console.done.changed': 'Cambios guardados.',
  'console.done.waveClosed': 'Ola cerrada: sus enlaces ya no aceptan respuestas.',
  'console.done.waveReopened': 'Ola reabierta: vuelven a valer sus fechas.',
  'console.done.closed': 'Cohorte cerrada.',
  'console.done.reopened': 'Cohorte reabierta.',
  'console.done.funderAdded': 'Financiador guardado.',
  'console.done.funderRemoved': 'Financiador quitado.',
  'console.answersHeading': 'Quién ha respondido',
  'console.noParticipants': 'Todavía no hay participantes: añade algunos más abajo.',
  'console.allAnswered': 'Todo el mundo ha respondido.',
  'console.pendingBatch': 'Lote {batch} (tarjetas en {language}): {count} sin respuesta',
  'console.pendingNumbers': 'Números sin respuesta',
  'console.remindersSummary': 'Mensajes de recordatorio para copiar ({count})',
  'console.remindersHint':
    'Aquí cada participante es solo su número en el lote, como en su tarjeta. El recordatorio no lleva el ' +
    'enlace, porque prepost no guarda ninguna copia de los códigos: envíalo por donde la persona recibió su ' +
    'enlace, o vuelve a darle su tarjeta.',
  'console.batchesHeading': 'Lotes',
  'console.noBatches': 'Todavía no hay lotes.',
  'console.batch': 'Lote {number}: {count} participantes, tarjetas en {language}, hecho el {date}',
  'console.addHeading': 'Añadir participantes',
  'console.addHint':
    'Cada participante recibe un enlace por cuestionario. Los enlaces se muestran una sola vez, al crearlos: ' +
    'descarga entonces las tarjetas, los mensajes o el CSV.',
  'console.count': 'Cuántos participantes',
  'console.countHint': 'De 1 a 500.',
  'console.language': 'Idioma de las tarjetas y los mensajes',
  'console.addButton': 'Crear los enlaces',
  'console.closedNoAdd': 'Esta cohorte está cerrada: reábrela para añadir participantes.',
  'console.windowsHeading': 'Nombre y fechas de las olas',
  'console.saveButton': 'Guardar cambios',
  'console.wavesHeading': 'Cerrar ahora una ola',
  'console.wavesHint': 'Una ola cerrada ahora no acepta más respuestas, sean cuales sean sus fechas, hasta reabrirla.',
  'console.waveWindow': 'Del {opens} al {closes}',
  'console.waveClosedEarly': 'Cerrada antes de tiempo.',
  'console.closeWave': 'Cerrar ahora esta ola',
  'console.reopenWave': 'Reabrir esta ola',
  'console.statusHeading': 'Cerrar o reabrir la cohorte',
  'console.closeBody': 'Una cohorte cerrada no acepta respuestas ni participantes nuevos. Se puede reabrir.',
  'console.noticeBefore':
    'Sus financiadores ({funders}) seguirán recibiendo los resultados de esta cohorte tal como estén, en el ' +
    'resumen de {month} que se envía a principios de {next}, con los grupos pequeños ocultos.',
  'console.noticeAfter':
    'Sus financiadores ({funders}) reciben los resultados de esta cohorte tal como están en el resumen de ' +
    '{month}, que se envía a principios de {next}, con los grupos pequeños ocultos.',
  'console.noticeNoFunders': 'El programa no tiene financiadores, así que no se envía ningún resumen.',
  'console.closedBody': 'Esta cohorte está cerrada: no acepta respuestas ni participantes nuevos.',
  'console.closeCohort': 'Cerrar esta cohorte',
  'console.reopenCohort': 'Reabrir esta cohorte',
  'console.batchTitle': 'Enlaces creados',
  'console.batchMade': '{count} participantes añadidos a {cohort}, con tarjetas y mensajes en {language}.',
  'console.batchOnce':
    'Los enlaces solo se muestran esta vez. Descarga ahora lo que necesites: prepost no guarda ninguna ' +
    'copia de los códigos, y estas descargas funcionan desde esta página durante 2 horas.',
  'console.downloads': 'Descargas',
  'console.downloadSheet': 'Tarjetas para imprimir (HTML)',
  'console.downloadMessages': 'Mensajes para enviar (texto)',
  'console.downloadCsv': 'Enlaces (CSV)',
  'console.backToCohort': 'Volver a la cohorte',
  'console.expiredTitle': 'Descargas caducadas',
  'console.expired':
    'Estas descargas funcionaban durante 2 horas después de crear los enlaces, y ese tiempo ha pasado. ' +
    'prepost no guarda ninguna copia de los códigos: si no se guardaron los archivos, añade participantes nuevos.',
  'console.sealRefused':
    'No se ha podido comprobar esta descarga, así que no se ha enviado nada. Abre la página de la cohorte ' +
    'y vuelve a crear los enlaces.',
  'problem.cohortId': 'Escribe un identificador de minúsculas, cifras y guiones sueltos, como tarragona-2027.',
  'problem.cohortTaken': 'El programa ya tiene una cohorte con este identificador: elige otro.',
  'problem.cohortName': 'Escribe un nombre.',
  'problem.tooLong':
    'Es demasiado largo: un identificador admite hasta 64 caracteres, un nombre hasta 200 y un correo hasta 254.',
  'problem.site': 'Escribe el lugar o déjalo vacío.',
  'problem.attribute': 'Elige una de las opciones.',
  'problem.opensMissing': 'Escribe la fecha de apertura.',
  'problem.closesMissing': 'Escribe la fecha de cierre.',
  'problem.date': 'Escribe una fecha, como 2027-01-31.',
  'problem.closesBeforeOpens': 'La fecha de cierre debe ser la de apertura o posterior.',
  'problem.postOpensEarly': 'El segundo cuestionario de una sesión no puede abrirse antes que el primero.',
  'problem.postClosesEarly': 'El segundo cuestionario de una sesión no puede cerrarse antes que el primero.',
  'problem.followupOpensEarly':
    'El cuestionario de seguimiento no puede abrirse antes que el segundo cuestionario de la sesión.',
  'problem.followupClosesEarly':
    'El cuestionario de seguimiento no puede cerrarse antes que el segundo cuestionario de la sesión.',
  'problem.comparisonFixed':
    'Que una cohorte sea grupo de comparación solo puede cambiarse antes de añadir a sus primeras ' +
    'participantes: sus respuestas pueden estar ya en un resumen que han recibido los financiadores.',
  'problem.count': 'Escribe un número entero de 1 a 500.',
  'problem.language': 'Elige uno de los idiomas.',
  'problem.funderName': 'Escribe el nombre del financiador.',
  'problem.notAFunder': 'Ningún financiador tiene (ya) este correo.',
  'problem.cohortClosed': 'Esta cohorte está cerrada: reábrela para añadir participantes.',
  'problem.closesAfterExpiry':
    'Los enlaces de esta cohorte se borran, con los datos del programa, este día o antes: cierra esta ola antes.',
  'problem.retention':
    'Los enlaces creados hoy se borrarían, con los datos del programa, antes de que cierre la última ola: ' +
    'adelanta las fechas de cierre.',
  'problem.cohortForm': 'Algo de este formulario no se ha podido aceptar. Revísalo y vuelve a enviarlo.',
  'problem.batchRepeated':
    'Se han añadido participantes desde que se abrió esta página (quizá este formulario se envió dos veces): ' +
    'revisa los lotes de abajo antes de crear más.',
};

const ca: StaffStrings = {
  languageName: 'Català',
  signedInAs: 'Sessió iniciada com a',
  signOut: 'Tanca la sessió',
  navLabel: "Pàgines de l'equip",
  'nav.results': 'Resultats',
  'nav.summaries': 'Resums',
  'nav.staff': 'Equip',
  'nav.audit': "Registre d'auditoria",
  'nav.tokens': "Tokens d'API",
  errorsHeading: 'Si us plau, revisa això',
  cancel: 'Cancel·la',

  'error.signedOutTitle': 'Sessió tancada',
  'error.signedOut': 'No has iniciat sessió o la sessió ha acabat. Inicia la sessió per continuar.',
  'error.signIn': 'Inicia la sessió',
  'signOut.provider': 'Heu tancat la sessió a prepost. Ara tanquem també la sessió al servei d’accés.',
  'signOut.continue': 'Continua',
  'error.forbiddenTitle': 'Sense accés',
  'error.forbidden':
    'El teu compte no té accés a aquesta pàgina. Si el necessites, demana-ho a una persona administradora.',
  'error.recomputingTitle': 'S’estan recalculant',
  'error.recomputing':
    'Algú s’ha retirat des que es van calcular aquests resultats: ' +
    's’estan recalculant sense aquesta persona. Torneu-ho a provar després de la propera agregació (cada hora).',
  'error.crossSiteTitle': 'No acceptat',
  'error.crossSite':
    "Aquest formulari s'ha enviat des d'un altre lloc, així que no s'ha canviat res. " +
    "Obre la pàgina aquí i envia'l des d'ella.",
  'error.notFoundTitle': 'No trobat',
  'error.notFound': 'Aquí no hi ha res. Revisa l’adreça o torna enrere.',
  'error.badRequestTitle': 'No entès',
  'error.badRequest': "No s'ha entès la petició. Torna enrere i torna-ho a provar.",
  'error.tooLarge': "El que s'ha enviat és massa gran.",
  'error.unsupported': "No s'ha pogut llegir el que s'ha enviat. Si us plau, fes servir el formulari de la pàgina.",

  'role.admin': 'Administrador/a',
  'role.coordinator': 'Coordinador/a',
  'role.evaluator': 'Avaluador/a',
  'role.funder': 'Finançador/a',
  'roleHint.admin': "gestiona l'equip i els seus accessos, llegeix el registre d'auditoria",
  'roleHint.coordinator': 'cohorts, enllaços i taxes de resposta; mai resultats',
  'roleHint.evaluator': 'resultats, gràfics i exportacions',
  'roleHint.funder': 'els resums publicats',
  grantOf: '{role} del programa {programme}',
  grantAdmin: "Administrador/a: gestiona l'equip, llegeix el registre d'auditoria",
  everyProgramme: 'tots els programes',

  'staff.title': 'Equip',
  'staff.members': 'Membres',
  'staff.noAccess': 'Encara sense accés.',
  'staff.memberSince': 'Membre des del {date}',
  'staff.revoke': 'Retira',
  'staff.grantMore': 'Dona més accés',
  'staff.grantButton': 'Dona accés',
  'staff.remove': "Treu de l'equip",
  'staff.removeTitle': 'Vols treure {email}?',
  'staff.removeBody':
    "El seu compte s'esborra, i les seves sessions i tokens d'API deixen de funcionar a l'instant. " +
    'Es pot tornar a afegir més endavant, com a membre nou.',
  'staff.removeConfirm': 'Sí, treu-lo',
  'staff.addHeading': "Afegeix algú a l'equip",
  'staff.email': 'Correu electrònic',
  'staff.emailHint': "L'adreça amb què inicia la sessió.",
  'staff.role': 'Rol',
  'staff.programmes': 'Programes',
  'staff.programmesHint': "Tots els rols menys el d'administració en necessiten almenys un.",
  'staff.addButton': 'Afegeix el membre',
  'staff.you': '(tu)',
  'done.invited': 'Membre afegit: se li ha enviat per correu una invitació amb una contrasenya temporal.',
  'done.granted': 'Accés donat.',
  'done.revoked': 'Accés retirat.',
  'done.removed': 'Membre tret.',
  'done.tokenRevoked': 'Token retirat: ja no funciona.',
  'added.title': 'Membre afegit',
  'added.body': '{email} ja pot iniciar la sessió amb aquesta contrasenya, que només es mostra aquesta vegada:',
  'added.password': 'Contrasenya',
  'added.handOver':
    'Dona-la-hi en persona o per un altre canal que no sigui el seu correu. Ningú no la podrà tornar a veure: ' +
    'prepost només en guarda un hash.',
  'added.back': "Torna a la llista de l'equip",

  'problem.email': 'Escriu una adreça de correu, com ara nom@example.org.',
  'problem.role': 'Tria un rol.',
  'problem.programmes': 'Tria almenys un programa per a aquest rol.',
  'problem.unknownProgramme': 'Tria programes de la llista.',
  'problem.exists': "Aquest correu ja és d'un membre de l'equip.",
  'problem.unknownMember': "Cap membre de l'equip no té (ja) aquest correu.",
  'problem.lastAdmin': "És l'última persona administradora. Dona primer el rol d'administració a una altra persona.",
  'problem.adminProgrammes': "L'administració abasta tots els programes: no triïs cap programa per a aquest rol.",
  'problem.notHeld': 'Aquest membre ja no té aquest accés: la llista de sota mostra com és ara.',
  'problem.accountExists':
    'El servei d’accés ja té un compte amb aquest correu, creat fora de prepost. ' +
    'Esborra’l primer allà i torna a afegir el membre.',
  'problem.days': 'Escriu un nombre enter de dies, de l’1 al 90.',
  'problem.tokenProgrammes': 'Tria almenys un programa que llegeixis com a avaluador/a o coordinador/a.',
  'problem.unknownToken': 'Aquest token no existeix o no el pots retirar.',
  'problem.ownerProgrammes': 'Tria almenys un programa que el seu titular llegeixi com a avaluador/a o coordinador/a.',
  'problem.since': 'Escriu una data, com ara 2026-01-31.',

  'tokens.title': "Tokens d'API",
  'tokens.intro':
    "Un token personal permet que un script o una eina de BI llegeixi l'API d'impacte amb el teu accés, " +
    'només per llegir. Es mostra una vegada i caduca.',
  'tokens.yours': 'Els teus tokens',
  'tokens.everyone': "Els tokens de tot l'equip",
  'tokens.none': 'Encara no hi ha tokens.',
  'tokens.owner': 'Titular',
  'tokens.createdBy': 'Creat per',
  'tokens.programmes': 'Programes',
  'tokens.created': 'Creat',
  'tokens.expires': 'Caduca',
  'tokens.status': 'Estat',
  'tokens.revoke': 'Retira',
  'status.active': 'Actiu',
  'status.expired': 'Caducat',
  'status.revoked': 'Retirat',
  'tokens.createHeading': 'Crea un token',
  'tokens.label': 'Nom',
  'tokens.labelHint': 'Per a què serveix, com ara «Power BI, informe mensual».',
  'tokens.days': 'Dies fins que caduqui',
  'tokens.daysHint': 'De l’1 al 90.',
  'tokens.readProgrammes': 'Programes que pot llegir',
  'tokens.readProgrammesHint': 'Només programes que llegeixes com a avaluador/a o coordinador/a.',
  'tokens.readProgrammesOwnerHint': 'Només programes que el seu titular llegeix com a avaluador/a o coordinador/a.',
  'tokens.for': 'Per a (correu)',
  'tokens.forHint': "Deixa-ho buit per a un token teu, o escriu el correu d'un membre de l'equip per crear-n'hi un.",
  'tokens.cannotCreate':
    'No llegeixes cap programa com a avaluador/a o coordinador/a, així que un token teu no llegiria res.',
  'tokens.createButton': 'Crea el token',
  'created.title': 'El teu token nou',
  'created.once':
    "Copia'l ara: només es mostra aquesta vegada. prepost només en guarda un hash i no el pot tornar a mostrar.",
  'created.token': 'Token',
  'created.copyHint':
    "Selecciona tot el text del quadre i copia'l en un gestor de contrasenyes o a la configuració de la teva eina.",
  'created.expires': 'Llegeix {programmes} i caduca el {date}.',
  'created.useHeading': 'Com fer-lo servir',
  'created.use': "Envia'l a la capçalera Authorization, posant el token en lloc de <token>. En JSON:",
  'created.useCsv': 'En CSV:',
  'created.back': 'Torna als teus tokens',

  'audit.title': "Registre d'auditoria",
  'audit.filter': 'Filtra',
  'audit.programme': 'Programa',
  'audit.allProgrammes': 'Tots els programes',
  'audit.since': 'Des de',
  'audit.show': 'Mostra',
  'audit.showing': 'El més recent primer, des del {date}.',
  'audit.truncated': 'Només es mostren les {count} entrades més recents: tria una data posterior per veure les altres.',
  'audit.none': 'No es va registrar res en aquest període.',
  'audit.who': 'Qui',
  'audit.what': 'Què',
  'audit.detail': 'Detall',
  'actor.system': 'La programació automàtica',
  'actor.participant': 'Una persona participant',
  'actor.cli': 'Línia d’ordres ({user})',
  'action.sign-in': 'Inici de sessió',
  'action.sign-in-failed': 'Inici de sessió fallit',
  'action.sign-out': 'Tancament de sessió',
  'action.token-created': "Token d'API creat",
  'action.token-revoked': "Token d'API retirat",
  'action.staff-added': 'Membre afegit',
  'action.staff-removed': 'Membre tret',
  'action.grant-added': 'Accés donat',
  'action.grant-revoked': 'Accés retirat',
  'action.links-created': 'Enllaços creats',
  'action.cohort-created': 'Cohort creada',
  'action.cohort-changed': 'Cohort modificada',
  'action.funder-added': 'Finançador afegit',
  'action.funder-removed': 'Finançador eliminat',
  'action.export': 'Respostes exportades',
  'action.erasure': "Respostes d'una persona participant esborrades",
  'action.import': 'Respostes importades',
  'action.summary-sent': 'Resum enviat',
  'nav.console': 'Consola',
  'console.title': 'Els teus programes',
  'console.intro': 'Els programes que coordines: les seves cohorts, qui ha respost i els seus finançadors.',
  'console.organisation': 'Organització',
  'console.openCohorts': 'Cohorts obertes',
  'console.closedCohorts': 'Cohorts tancades',
  'console.funders': 'Finançadors',
  'console.allProgrammes': 'Tots els teus programes',
  'console.cohorts': 'Cohorts',
  'console.noCohorts': 'Encara no hi ha cohorts: crea la primera més avall.',
  'console.site': 'Lloc',
  'console.status': 'Estat',
  'console.open': 'Oberta',
  'console.closed': 'Tancada',
  'console.participants': 'Participants',
  'console.answeredOf': '{answered} de {participants} han respost',
  'console.lastAnswer': 'Darrera resposta rebuda',
  'console.noAnswer': 'Encara cap',
  'console.createHeading': 'Crea una cohort',
  'console.cohortId': 'Identificador de la cohort',
  'console.cohortIdHint': 'Minúscules, xifres i guions, com tarragona-2027. No es pot canviar més endavant.',
  'console.cohortName': 'Nom',
  'console.cohortNameHint': "Com el llegirà l'equip, com Tarragona 2027.",
  'console.siteHint': 'On es fa, com una ciutat o un centre (opcional).',
  'console.comparison': 'Cohort de comparació',
  'console.comparisonChoice': "Una llista d'espera: persones que encara no són al programa",
  'console.comparisonHint':
    'Marca-ho per a persones que responen els mateixos qüestionaris mentre esperen entrar-hi. El seu canvi es ' +
    'posa al costat del de les cohorts del programa, per mostrar què hi aporta el programa.',
  'console.comparisonBadge': "Cohort de comparació (llista d'espera)",
  'console.notSet': 'Sense indicar',
  'console.windowsHint':
    "Cada qüestionari accepta respostes des del dia d'obertura fins al dia de tancament, tots dos inclosos.",
  'console.followupHint':
    'Deixa les dates buides per obrir-lo {months} després del tancament del qüestionari anterior, ' +
    'durant quatre setmanes.',
  'console.opens': "S'obre",
  'console.closes': 'Es tanca',
  'console.createButton': 'Crea la cohort',
  'console.fundersHint': "Reben els resums del programa per correu, cadascun en l'idioma triat aquí.",
  'console.noFunders': "Encara no hi ha finançadors: no s'envia cap resum.",
  'console.funderName': 'Nom',
  'console.funderEmail': 'Correu electrònic',
  'console.funderLanguage': 'Idioma del seu resum',
  'console.summaryIn': 'Resum en',
  'console.removeFunder': 'Treu',
  'console.addFunderHeading': 'Afegeix un finançador',
  'console.addFunderHint': 'Si ja hi ha un finançador amb aquest correu, se’n canvien les dades.',
  'console.addFunderButton': 'Desa el finançador',
  'console.done.created': 'Cohort creada.',
  'console.done.changed': 'Canvis desats.',
  'console.done.waveClosed': 'Onada tancada: els seus enllaços ja no accepten respostes.',
  'console.done.waveReopened': 'Onada reoberta: tornen a valer les seves dates.',
  'console.done.closed': 'Cohort tancada.',
  'console.done.reopened': 'Cohort reoberta.',
  'console.done.funderAdded': 'Finançador desat.',
  'console.done.funderRemoved': 'Finançador tret.',
  'console.answersHeading': 'Qui ha respost',
  'console.noParticipants': 'Encara no hi ha participants: afegeix-ne més avall.',
  'console.allAnswered': 'Tothom ha respost.',
  'console.pendingBatch': 'Lot {batch} (targetes en {language}): {count} sense resposta',
  'console.pendingNumbers': 'Números sense resposta',
  'console.remindersSummary': 'Missatges de recordatori per copiar ({count})',
  'console.remindersHint':
    'Aquí cada participant és només el seu número en el lot, com a la targeta. El recordatori no porta ' +
    "l'enllaç, perquè prepost no guarda cap còpia dels codis: envia'l per on la persona va rebre el seu " +
    'enllaç, o torna-li a donar la targeta.',
  'console.batchesHeading': 'Lots',
  'console.noBatches': 'Encara no hi ha lots.',
  'console.batch': 'Lot {number}: {count} participants, targetes en {language}, fet el {date}',
  'console.addHeading': 'Afegeix participants',
  'console.addHint':
    'Cada participant rep un enllaç per qüestionari. Els enllaços es mostren només una vegada, quan es creen: ' +
    'descarrega llavors les targetes, els missatges o el CSV.',
  'console.count': 'Quants participants',
  'console.countHint': "D'1 a 500.",
  'console.language': 'Idioma de les targetes i els missatges',
  'console.addButton': 'Crea els enllaços',
  'console.closedNoAdd': 'Aquesta cohort està tancada: reobre-la per afegir participants.',
  'console.windowsHeading': 'Nom i dates de les onades',
  'console.saveButton': 'Desa els canvis',
  'console.wavesHeading': 'Tanca ara una onada',
  'console.wavesHint':
    'Una onada tancada ara no accepta més respostes, siguin quines siguin les seves dates, fins que es reobri.',
  'console.waveWindow': 'Del {opens} al {closes}',
  'console.waveClosedEarly': "Tancada abans d'hora.",
  'console.closeWave': 'Tanca ara aquesta onada',
  'console.reopenWave': 'Reobre aquesta onada',
  'console.statusHeading': 'Tanca o reobre la cohort',
  'console.closeBody': 'Una cohort tancada no accepta respostes ni participants nous. Es pot reobrir.',
  'console.noticeBefore':
    'Els seus finançadors ({funders}) continuaran rebent els resultats d’aquesta cohort tal com estiguin, ' +
    'al resum de {month} que s’envia a principis de {next}, amb els grups petits amagats.',
  'console.noticeAfter':
    'Els seus finançadors ({funders}) reben els resultats d’aquesta cohort tal com són al resum de {month}, ' +
    'que s’envia a principis de {next}, amb els grups petits amagats.',
  'console.noticeNoFunders': "El programa no té finançadors, així que no s'envia cap resum.",
  'console.closedBody': 'Aquesta cohort està tancada: no accepta respostes ni participants nous.',
  'console.closeCohort': 'Tanca aquesta cohort',
  'console.reopenCohort': 'Reobre aquesta cohort',
  'console.batchTitle': 'Enllaços creats',
  'console.batchMade': '{count} participants afegits a {cohort}, amb targetes i missatges en {language}.',
  'console.batchOnce':
    'Els enllaços només es mostren aquesta vegada. Descarrega ara el que necessitis: prepost no guarda cap ' +
    'còpia dels codis, i aquestes descàrregues funcionen des d’aquesta pàgina durant 2 hores.',
  'console.downloads': 'Descàrregues',
  'console.downloadSheet': 'Targetes per imprimir (HTML)',
  'console.downloadMessages': 'Missatges per enviar (text)',
  'console.downloadCsv': 'Enllaços (CSV)',
  'console.backToCohort': 'Torna a la cohort',
  'console.expiredTitle': 'Descàrregues caducades',
  'console.expired':
    'Aquestes descàrregues funcionaven durant 2 hores després de crear els enllaços, i aquest temps ha ' +
    'passat. prepost no guarda cap còpia dels codis: si no es van desar els fitxers, afegeix participants nous.',
  'console.sealRefused':
    "No s'ha pogut comprovar aquesta descàrrega, així que no s'ha enviat res. Obre la pàgina de la cohort " +
    'i torna a crear els enllaços.',
  'problem.cohortId': 'Escriu un identificador de minúscules, xifres i guions solts, com tarragona-2027.',
  'problem.cohortTaken': 'El programa ja té una cohort amb aquest identificador: tria’n un altre.',
  'problem.cohortName': 'Escriu un nom.',
  'problem.tooLong':
    'És massa llarg: un identificador admet fins a 64 caràcters, un nom fins a 200 i un correu fins a 254.',
  'problem.site': 'Escriu el lloc o deixa-ho buit.',
  'problem.attribute': 'Tria una de les opcions.',
  'problem.opensMissing': "Escriu la data d'obertura.",
  'problem.closesMissing': 'Escriu la data de tancament.',
  'problem.date': 'Escriu una data, com 2027-01-31.',
  'problem.closesBeforeOpens': "La data de tancament ha de ser la d'obertura o posterior.",
  'problem.postOpensEarly': "El segon qüestionari d'una sessió no es pot obrir abans que el primer.",
  'problem.postClosesEarly': "El segon qüestionari d'una sessió no es pot tancar abans que el primer.",
  'problem.followupOpensEarly':
    'El qüestionari de seguiment no es pot obrir abans que el segon qüestionari de la sessió.',
  'problem.followupClosesEarly':
    'El qüestionari de seguiment no es pot tancar abans que el segon qüestionari de la sessió.',
  'problem.comparisonFixed':
    "Que una cohort sigui grup de comparació només es pot canviar abans d'afegir-hi les primeres " +
    'participants: les seves respostes poden ser ja en un resum que han rebut els finançadors.',
  'problem.count': "Escriu un nombre enter d'1 a 500.",
  'problem.language': 'Tria un dels idiomes.',
  'problem.funderName': 'Escriu el nom del finançador.',
  'problem.notAFunder': 'Cap finançador no té (ja) aquest correu.',
  'problem.cohortClosed': 'Aquesta cohort està tancada: reobre-la per afegir participants.',
  'problem.closesAfterExpiry':
    "Els enllaços d'aquesta cohort s'esborren, amb les dades del programa, aquest dia o abans: " +
    'tanca aquesta onada abans.',
  'problem.retention':
    "Els enllaços creats avui s'esborrarien, amb les dades del programa, abans que tanqui l'última onada: " +
    'avança les dates de tancament.',
  'problem.cohortForm': "Alguna cosa d'aquest formulari no s'ha pogut acceptar. Revisa-ho i torna-ho a enviar.",
  'problem.batchRepeated':
    "S'han afegit participants des que es va obrir aquesta pàgina (potser aquest formulari es va enviar dues " +
    'vegades): revisa els lots de sota abans de crear-ne més.',
};

/** The key of a staff page string. */
export type StaffStringKey = keyof StaffStrings;

/** Every staff string table, by language. */
export const STAFF_STRINGS: Readonly<Record<Language, StaffStrings>> = { en, ro, es, ca };

/** The staff strings of one language. */
export function staffStringsFor(language: Language): StaffStrings {
  return STAFF_STRINGS[language];
}

/**
 * The reader's language among all shipped ones: the browser's Accept-Language in order of
 * preference, else English.
 */
export function staffLanguage(acceptLanguage: string | undefined): Language {
  return pickLanguage(LANGUAGES, 'en', undefined, acceptLanguage);
}

/** A string with its `{name}` slots filled. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) => values[name] ?? slot);
}

const FORMATS = new Map<Language, { readonly time: Intl.DateTimeFormat; readonly date: Intl.DateTimeFormat }>();

/** Locales behind the languages: British English writes the day before the month, as the others do. */
const LOCALES: Readonly<Record<Language, string>> = { en: 'en-GB', ro: 'ro', es: 'es', ca: 'ca' };

function formatsOf(language: Language): { readonly time: Intl.DateTimeFormat; readonly date: Intl.DateTimeFormat } {
  let formats = FORMATS.get(language);
  if (formats === undefined) {
    // UTC, and said: the server cannot know the reader's time zone, and a log must not shift under them.
    const time = new Intl.DateTimeFormat(LOCALES[language], {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'UTC',
      timeZoneName: 'short',
    });
    const date = new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeZone: 'UTC' });
    formats = { time, date };
    FORMATS.set(language, formats);
  }
  return formats;
}

/** An ISO time as the reader's language writes it, to the minute, in UTC. */
export function formatTime(iso: string, language: Language): string {
  return formatsOf(language).time.format(new Date(iso));
}

/** An ISO time's day as the reader's language writes it (UTC). */
export function formatDate(iso: string, language: Language): string {
  return formatsOf(language).date.format(new Date(iso));
}

/**
 * A month (`YYYY-MM`, a summary's period) as the reader's language writes it: "January 2027". The
 * month alone, as funders are told it: a summary never names a finer date.
 */
export function formatMonth(period: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${period}-01T00:00:00Z`),
  );
}
