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
