<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko">
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../../ui/models/audit_model.py" line="+75"/>
        <source>yes</source>
        <extracomment>a details summary longer than this is cut (the whole entry shows below the table)</extracomment>
        <translation>예</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>아니요</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When</source>
        <translation>일시</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Staff</source>
        <translation>직원</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action</source>
        <translation>작업</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Record</source>
        <translation>대상</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Details</source>
        <translation>세부 내용</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../../ui/pages/audit_log.py" line="+55"/>
        <source>Audit log</source>
        <extracomment>the trail, and the staff names it is filtered by</extracomment>
        <translation>감사 기록</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Result of verifying the audit chain</source>
        <translation>감사 기록 체인 검증 결과</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Audit entries, newest first</source>
        <translation>감사 기록 항목(최신순)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The selected audit entry in full</source>
        <translation>선택한 감사 기록 항목 전체</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select an entry to see it in full.</source>
        <translation>항목을 선택하면 전체 내용이 보입니다.</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>Search records and details (Ctrl+F)</source>
        <translation>대상과 세부 내용 검색 (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All actions</source>
        <translation>모든 작업</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action filter</source>
        <translation>작업 필터</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All staff</source>
        <translation>모든 직원</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Staff filter</source>
        <translation>직원 필터</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Verify chain</source>
        <translation>체인 검증(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verify the audit chain</source>
        <translation>감사 기록 체인 검증</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recompute every entry&apos;s hash: an edited, deleted or inserted entry is found.</source>
        <translation>모든 항목의 해시를 다시 계산합니다. 수정·삭제·삽입된 항목이 있으면 찾아냅니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Keep a checkpoint</source>
        <translation>검사점 보관(&amp;K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep a replay checkpoint</source>
        <translation>재현 검사점 보관하기</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check the whole trail and the tables, then keep the state they agree on, signed with your seal key: later checks replay only what comes after it.</source>
        <translation>감사 기록 전체와 표들을 검사한 뒤, 둘이 일치하는 상태를 자신의 봉인 열쇠로 서명하여 보관합니다. 이후의 검증은 그 뒤의 항목만 재현합니다.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&amp;From</source>
        <translation>시작(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;To</source>
        <translation>끝(&amp;T)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First day</source>
        <translation>첫날</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day</source>
        <translation>마지막 날</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Filter by %1</source>
        <translation>거르기: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Number of entries shown</source>
        <translation>표시된 항목 수</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>1 entry</source>
        <translation>항목 1개</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 entries</source>
        <translation>항목 %1개</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Entry %1 at %2 by %3</source>
        <translation>항목 %1 · %2 · %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Action: %1 on %2 %3</source>
        <translation>작업: %2 %3에 대한 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hash: %1</source>
        <translation>해시: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous: %1</source>
        <translation>이전 해시: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Verifying the audit chain…</source>
        <translation>감사 기록 체인 검증 중…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Checking the trail, then keeping a checkpoint…</source>
        <translation>감사 기록을 검사한 뒤 검사점을 보관하는 중…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Checkpoint kept: the state of entries 1-%1 (%2 rows), signed by %3 in entry %4. Later checks replay only the entries after it.</source>
        <translation>검사점을 보관했습니다: 항목 1-%1의 상태(행 %2개), %4번 항목에 %3 서명. 이후의 검증은 그 뒤의 항목만 재현합니다.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The audit trail is intact: %1 entries, latest hash %2; the tables agree with it; %3 seals verify, %4 entries after the last seal. Root key fingerprint: %5.</source>
        <translation>감사 기록이 온전합니다: 항목 %1개, 최신 해시 %2. 표들이 기록과 일치합니다. 봉인 %3개가 검증되었고 마지막 봉인 뒤의 항목은 %4개입니다. 뿌리 열쇠 지문: %5.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>none yet</source>
        <translation>아직 없음</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The audit trail&apos;s seals do not verify: %1</source>
        <translation>감사 기록의 봉인이 검증되지 않습니다: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The tables do not agree with the audit trail (%1 differences): %2</source>
        <translation>표들이 감사 기록과 일치하지 않습니다(차이 %1개): %2</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>The audit chain is broken at entry %1: %2. The %3 entries before it verify.</source>
        <translation>감사 기록 체인이 항목 %1에서 끊어졌습니다: %2. 그 앞의 항목 %3개는 검증되었습니다.</translation>
    </message>
</context>
<context>
    <name>BorrowerDetailPane</name>
    <message>
        <location filename="../../../ui/pages/borrowers.py" line="+63"/>
        <location line="+38"/>
        <source>No borrower selected</source>
        <translation>선택한 이용자 없음</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>Borrower&apos;s name</source>
        <translation>이용자 이름</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Borrower&apos;s history</source>
        <translation>이용자 이력</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loans, past and present</source>
        <translation>지난 대출과 현재 대출</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+3"/>
        <source>Holds</source>
        <translation>예약</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Loans</source>
        <translation>대출</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>no expiry</source>
        <translation>만료 없음</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 — expired</source>
        <translation>%1 — 만료됨</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Member no.</source>
        <translation>회원 번호</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>신분</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisation</source>
        <translation>소속</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Membership</source>
        <translation>회원 자격</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On loan</source>
        <translation>대출 중</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2 overdue)</source>
        <translation>%1 (연체 %2)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Loans (%1)</source>
        <translation>대출 (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holds (%1)</source>
        <translation>예약 (%1)</translation>
    </message>
</context>
<context>
    <name>BorrowerDialog</name>
    <message>
        <location filename="../../../ui/dialogs/borrower_dialog.py" line="+35"/>
        <source>Edit borrower</source>
        <translation>이용자 수정</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New borrower</source>
        <translation>새 이용자</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Member number:</source>
        <translation>회원 번호(&amp;M):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Role:</source>
        <translation>신분(&amp;R):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Organisation:</source>
        <translation>소속(&amp;O):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Status:</source>
        <translation>상태(&amp;S):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expires on</source>
        <translation>만료일</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Membership expiry date</source>
        <translation>회원 자격 만료일</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Membership:</source>
        <translation>회원 자격:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Membership expires</source>
        <translation>회원 자격 만료</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No&amp;tes:</source>
        <translation>메모(&amp;T):</translation>
    </message>
</context>
<context>
    <name>BorrowerPanel</name>
    <message numerus="yes">
        <location filename="../../../ui/pages/desk.py" line="+444"/>
        <source>%n overdue loan(s)</source>
        <translation>
            <numerusform>연체 대출 %n건</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n copy(ies) set aside to collect</source>
        <translation>
            <numerusform>찾아갈 예약 보관 소장본 %n부</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BorrowersModel</name>
    <message>
        <location filename="../../../ui/models/borrowers_model.py" line="+23"/>
        <source>no expiry</source>
        <translation>만료 없음</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (expired)</source>
        <translation>%1 (만료됨)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Member no.</source>
        <translation>회원 번호</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Role</source>
        <translation>신분</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Expires</source>
        <translation>만료일</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loans</source>
        <translation>대출</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Overdue</source>
        <translation>연체</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 days overdue</source>
        <translation>%1일 연체</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>1 day overdue</source>
        <translation>1일 연체</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>on loan</source>
        <translation>대출 중</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>returned %1</source>
        <translation>%1 반납</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, %1 days late</source>
        <translation>, %1일 늦음</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>, 1 day late</source>
        <translation>, 1일 늦음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · approved</source>
        <translation> · 승인됨</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Approved by %1: %2</source>
        <translation>%1 승인: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+24"/>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <location line="-23"/>
        <location line="+24"/>
        <source>%1 (vol. %2)</source>
        <translation>%1 (제%2권)</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>%1, volume %2, copy %3</source>
        <translation>%1, 제%2권, 소장본 %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lent</source>
        <translation>대출일</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>반납 기한</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+21"/>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Placed</source>
        <translation>예약일</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Closed</source>
        <translation>종료일</translation>
    </message>
</context>
<context>
    <name>BorrowersPage</name>
    <message>
        <location filename="../../../ui/pages/borrowers.py" line="+12"/>
        <location line="+18"/>
        <source>Borrowers</source>
        <extracomment>the borrowers, and their loans and holds in the history</extracomment>
        <translation>이용자</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Search name, member number or organisation (Ctrl+F)</source>
        <translation>이름, 회원 번호, 소속 검색 (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All roles</source>
        <translation>모든 신분</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role filter</source>
        <translation>신분 필터</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any status</source>
        <translation>모든 상태</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status filter</source>
        <translation>상태 필터</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Number of borrowers shown</source>
        <translation>표시된 이용자 수</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;New borrower…</source>
        <translation>새 이용자(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a borrower (Ctrl+N)</source>
        <translation>이용자 추가 (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit borrower…</source>
        <translation>이용자 수정(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the selected borrower (Enter)</source>
        <translation>선택한 이용자 수정 (Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writers&apos; screen P&amp;IN…</source>
        <translation>작가용 화면 PIN(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the PIN the borrower types on the writers&apos; screen</source>
        <translation>이용자가 작가용 화면에서 입력하는 PIN을 정합니다</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear PIN</source>
        <translation>PIN 지우기</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Place a hold…</source>
        <translation>예약하기(&amp;P)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Put the selected borrower on the waiting list for a work&apos;s volume</source>
        <translation>선택한 이용자를 작품의 한 권에 대한 대기자 명단에 올립니다</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>1 borrower</source>
        <translation>이용자 1명</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 borrowers</source>
        <translation>이용자 %1명</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>&amp;Reinstate</source>
        <translation>정지 해제(&amp;R)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Read-only: an inspector may look, not change.</source>
        <translation>읽기 전용: 검열관은 볼 수만 있고 바꿀 수 없습니다.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Saved borrower %1.</source>
        <translation>이용자를 저장했습니다: %1.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 is suspended: no loans or holds until reinstated.</source>
        <translation>%1의 자격이 정지되었습니다. 정지가 해제될 때까지 대출과 예약을 할 수 없습니다.</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>%1 is reinstated.</source>
        <translation>%1의 자격 정지가 해제되었습니다.</translation>
    </message>
    <message>
        <location line="-122"/>
        <location line="+77"/>
        <source>S&amp;uspend</source>
        <translation>정지(&amp;U)</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>%1 has a new PIN for the writers&apos; screen.</source>
        <translation>%1의 작가용 화면 PIN을 새로 정했습니다.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 has no PIN now: the writers&apos; screen refuses them.</source>
        <translation>%1에게 이제 PIN이 없습니다. 작가용 화면에서는 거절됩니다.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Suspend</source>
        <translation>자격 정지</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why is %1 suspended? (recorded with the suspension)</source>
        <translation>%1의 자격을 정지하는 이유는 무엇입니까? (정지와 함께 기록됩니다)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Writers&apos; screen PIN</source>
        <translation>작가용 화면 PIN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New PIN for %1 (4 to 8 digits):</source>
        <translation>%1의 새 PIN (숫자 4~8자리):</translation>
    </message>
</context>
<context>
    <name>BranchesModel</name>
    <message>
        <location filename="../../../ui/models/branches_model.py" line="+21"/>
        <source>entry %1: %2…</source>
        <translation>항목 %1: %2…</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+26"/>
        <source>Branch</source>
        <translation>지부</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Last bundle</source>
        <translation>마지막 묶음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exported</source>
        <translation>내보낸 날</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imported</source>
        <translation>가져온 때</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chain head</source>
        <translation>체인의 마지막 항목</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copies</source>
        <translation>소장본</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Missing</source>
        <translation>소재 불명</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Overrides</source>
        <translation>예외 승인</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Refused</source>
        <translation>거절된 때</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why</source>
        <translation>사유</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>altered</source>
        <translation>변조됨</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>another root key</source>
        <translation>다른 뿌리 열쇠</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>chain not extended</source>
        <translation>체인이 이어지지 않음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>another branch&apos;s root key</source>
        <translation>다른 지부의 뿌리 열쇠</translation>
    </message>
</context>
<context>
    <name>BranchesPage</name>
    <message>
        <location filename="../../../ui/central_window.py" line="+34"/>
        <location line="+6"/>
        <source>Branches</source>
        <translation>지부</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bundles refused at import</source>
        <translation>가져오기에서 거절된 묶음</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Read again</source>
        <translation>다시 읽기(&amp;R)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No bundle has been imported yet (central import-bundle DIR).</source>
        <translation>아직 가져온 묶음이 없습니다 (central import-bundle DIR).</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Bundles refused at import: %n</source>
        <translation>
            <numerusform>가져오기에서 거절된 묶음: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CatalogueModel</name>
    <message>
        <location filename="../../../ui/models/catalogue_model.py" line="+31"/>
        <source>%1 copies: %2 on the shelf, %3 on loan, %4 set aside, %5 out of circulation</source>
        <translation>소장본 %1부: 서가 %2, 대출 중 %3, 예약 보관 %4, 이용 불가 %5</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 with a reader at a reading-room table</source>
        <translation>열람실 좌석의 이용자에게 %1부</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Author</source>
        <translation>저자</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Translator</source>
        <translation>번역자</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year</source>
        <translation>연도</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Access</source>
        <translation>이용 등급</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>On shelf</source>
        <translation>서가에 있음</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Waiting</source>
        <translation>대기</translation>
    </message>
    <message>
        <location line="+160"/>
        <source>Location: %1</source>
        <extracomment>roles the catalogue never answers and the view asks for each cell it paints rows whose answers are kept at most (a few screens; scrolling 250,000 rows keeps no more) a role whose answer is not kept: asked of :func:`ui.models.columns.cell_data` rows in a first screen and in each block read while scrolling (a screenful or two) table lines that came with the latest first screen, by work id the copy whose barcode the latest search was, ``(work id, barcode)``, until the page takes it (:meth:`take_matched_copy`) the painted roles&apos; answers of each row shown, by row; forgotten when rows change</extracomment>
        <translation>위치: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call number: %1</source>
        <translation>청구기호: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>In the reading room</source>
        <translation>열람실에 있음</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 · seat %2</source>
        <translation>%1 · %2번 좌석</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 · overdue</source>
        <translation>%1 · 연체</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 %2, at seat %3 in the reading room</source>
        <translation>%1 %2, 열람실 %3번 좌석</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 %2, due %3</source>
        <translation>%1 %2, 반납 기한 %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> (%1 days overdue)</source>
        <translation> (%1일 연체)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> (1 day overdue)</source>
        <translation> (1일 연체)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>set aside for %1</source>
        <translation>%1 앞으로 예약 보관</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Barcode</source>
        <translation>바코드</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vol.</source>
        <translation>권</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Condition</source>
        <translation>보존 등급</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location</source>
        <translation>위치</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lent to / held for</source>
        <translation>대출자 / 예약 보관</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Recorded</source>
        <translation>기록일</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grade</source>
        <translation>보존 등급</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff</source>
        <translation>직원</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>on loan</source>
        <translation>대출 중</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lent</source>
        <translation>대출일</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>반납 기한</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned</source>
        <translation>반납일</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Borrower</source>
        <translation>이용자</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Returned as</source>
        <translation>반납 시 상태</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approval</source>
        <translation>승인</translation>
    </message>
</context>
<context>
    <name>CataloguePage</name>
    <message>
        <location filename="../../../ui/pages/catalogue.py" line="+405"/>
        <source>Catalogue</source>
        <extracomment>the widest count the catalogue&apos;s count label makes room for (a national catalogue&apos;s) pixels beside the count&apos;s widest text (rounding of the font&apos;s advances) works and copies, and the loans and holds that set a copy&apos;s status</extracomment>
        <translation>장서 목록</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Works</source>
        <translation>작품</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All access classes</source>
        <translation>모든 이용 등급</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Access class filter</source>
        <translation>이용 등급 필터</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Any copy status</source>
        <translation>모든 소장본 상태</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy status filter</source>
        <translation>소장본 상태 필터</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Has a copy: %1</source>
        <translation>소장본 있음: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All languages</source>
        <translation>모든 언어</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Original language filter</source>
        <translation>원어 필터</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Number of works shown</source>
        <translation>표시된 작품 수</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&amp;New work…</source>
        <translation>새 작품(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a work to the catalogue (Ctrl+N)</source>
        <translation>장서 목록에 작품 추가 (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit work…</source>
        <translation>작품 수정(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the selected work (Enter)</source>
        <translation>선택한 작품 수정 (Enter)</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+120"/>
        <source>%1+ works, counting…</source>
        <translation>작품 %1편 이상, 세는 중…</translation>
    </message>
    <message>
        <location line="-152"/>
        <source>Search title, original title, author, translator or a copy&apos;s barcode (Ctrl+F)</source>
        <translation>제목, 원제, 저자, 번역자 또는 소장본 바코드로 검색 (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+123"/>
        <source>1 work</source>
        <translation>작품 1편</translation>
    </message>
    <message>
        <location line="-123"/>
        <location line="+123"/>
        <source>%1 works</source>
        <translation>작품 %1편</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The catalogue cannot be sorted by %1.</source>
        <translation>장서 목록은 %1 기준으로 정렬할 수 없습니다.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Read-only: an inspector may look, not change.</source>
        <translation>읽기 전용: 검열관은 볼 수만 있고 바꿀 수 없습니다.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Saved “%1”.</source>
        <translation>저장했습니다: “%1”.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Saved copy %1.</source>
        <translation>소장본을 저장했습니다: %1.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1 is now %2.</source>
        <translation>%1: 이제 %2 상태입니다.</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Marking %1 as %2 takes it out of the collection.</source>
        <translation>%1 소장본을 %2 상태로 표시하면 장서에서 빠집니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not marked: nobody confirmed it.</source>
        <translation>표시하지 않았습니다: 확인한 사람이 없습니다.</translation>
    </message>
</context>
<context>
    <name>CentralWindow</name>
    <message>
        <location filename="../../../ui/central_window.py" line="+12"/>
        <source>Union catalogue: %1 (read-only)</source>
        <translation>종합 목록: %1 (읽기 전용)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, read-only</source>
        <translation>%1, 읽기 전용</translation>
    </message>
</context>
<context>
    <name>CirculationPage</name>
    <message>
        <location filename="../../../ui/pages/circulation.py" line="+219"/>
        <source>Circulation</source>
        <extracomment>the default period: this many days up to today (as the circulation report&apos;s default) how many works the &quot;most requested&quot; chart shows a longer title is cut on the chart&apos;s axis (the table and the report give it whole) condition grades, best first, in colours that read on light and dark backgrounds pixels Qt Charts keeps on each side of an axis label pixels around the text inside each label (a QGraphicsTextItem&apos;s document margin) loans per month, the works waited for, the copies by condition</extracomment>
        <translation>대출 현황</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Loans per month</source>
        <translation>월별 대출</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Most requested works</source>
        <translation>가장 많이 찾는 작품</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copies by condition</source>
        <translation>보존 등급별 소장본</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Period starts</source>
        <translation>기간 시작</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period ends</source>
        <translation>기간 끝</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;From:</source>
        <translation>시작(&amp;F):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;to:</source>
        <translation>끝(&amp;T):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last &amp;12 months</source>
        <translation>최근 12개월(&amp;1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the last twelve months</source>
        <translation>최근 12개월 보기</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Circulation in the period</source>
        <translation>기간 중 대출 현황</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Waiting lists</source>
        <translation>대기자 명단</translation>
    </message>
    <message numerus="yes">
        <location line="+38"/>
        <source>%n loan(s) from %1 to %2</source>
        <translation>
            <numerusform>%1부터 %2까지 대출 %n건</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 waiting for %2</source>
        <translation>%2에 %1 대기 중</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n reader(s)</source>
        <translation>
            <numerusform>이용자 %n명</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n work(s)</source>
        <translation>
            <numerusform>작품 %n편</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>nobody is waiting</source>
        <translation>대기자 없음</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n copy(ies) set aside to collect</source>
        <translation>
            <numerusform>찾아갈 예약 보관 소장본 %n부</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting lists now: %1</source>
        <translation>현재 대기자 명단: %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Set aside to collect</source>
        <translation>찾아갈 예약 보관</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Loans</source>
        <translation>대출</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Loans in the period</source>
        <translation>기간 중 대출</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting now</source>
        <translation>현재 대기</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <location filename="../../../ui/models/columns.py" line="+112"/>
        <source>This column cannot be sorted.</source>
        <extracomment>a tone names a colour of ``ui.theme.status_tones``; each has an icon, so it is never shown by colour alone cells with more characters than this show their whole text as a tooltip (it may be elided) on a dark base the banners&apos; pale text colours read as white: stronger ones for tables the parent of every row of a table model default width in average characters the column takes the table&apos;s spare width the tone&apos;s icon is shown too (False: colour only, for a column next to one that carries the icon and the words)</extracomment>
        <translation>이 열은 정렬할 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>ConservationOffer</name>
    <message>
        <location filename="../../../ui/conservation_offer.py" line="+38"/>
        <source>Send to conservation</source>
        <extracomment>a copy sent: its status and the trail change</extracomment>
        <translation>보존 처리로 보내기</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{barcodes} came back in a worse condition than it went out. Send to conservation?</source>
        <translation>{barcodes}의 보존 등급이 대출 때보다 나빠졌습니다. 보존 처리로 보내겠습니까?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Send to conservation</source>
        <translation>보존 처리로 보내기(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keep in circulation</source>
        <translation>계속 대출하기(&amp;K)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{barcode} sent to conservation.</source>
        <translation>보존 처리에 보냈습니다: {barcode}.</translation>
    </message>
</context>
<context>
    <name>CopyDialog</name>
    <message>
        <location filename="../../../ui/dialogs/copy_dialog.py" line="+41"/>
        <source>Edit copy %1</source>
        <translation>소장본 %1 수정</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New copy of %1</source>
        <translation>%1의 새 소장본</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Work:</source>
        <extracomment>the second staff member who confirmed a copy marked lost or withdrawn</extracomment>
        <translation>작품:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Barcode:</source>
        <translation>바코드(&amp;B):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Volume:</source>
        <translation>권(&amp;V):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Location:</source>
        <translation>위치(&amp;L):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Call n&amp;umber:</source>
        <translation>청구기호(&amp;U):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Condition:</source>
        <translation>보존 등급(&amp;C):</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Status:</source>
        <translation>상태(&amp;S):</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The copy is %1: take it back or cancel the hold before changing its status.</source>
        <translation>이 소장본은 %1 상태입니다. 상태를 바꾸기 전에 반납을 받거나 예약을 취소하십시오.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Marking %1 as %2 takes it out of the collection.</source>
        <translation>%1 소장본을 %2 상태로 표시하면 장서에서 빠집니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not saved: nobody confirmed it.</source>
        <translation>저장하지 않았습니다: 확인한 사람이 없습니다.</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <location filename="../../../ui/pages/readiness.py" line="+124"/>
        <source>Days to the inspection</source>
        <extracomment>a new schedule proposes this many days ahead when none is set the countdown turns to a warning this many days before the freeze starts readiness reasons that recall letters are written for copies set aside and not collected by their pickup date the restrictions in force (the works and copies withheld: not lent, still counted) set-aside copies past their pickup date named one by one on the Readiness page</extracomment>
        <translation>검열까지 남은 날</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No inspection is scheduled</source>
        <translation>예정된 검열이 없습니다</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set the date of the next inspection so lending stops in time and loans are not due after it.</source>
        <translation>다음 검열 날짜를 정해 두면 대출이 제때 멈추고 반납 기한이 검열 뒤로 넘어가지 않습니다.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The inspection of %1 has passed</source>
        <translation>%1 검열이 지났습니다</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Schedule the next inspection.</source>
        <translation>다음 검열 일정을 정하십시오.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The inspection is today, %1</source>
        <translation>오늘(%1)이 검열일입니다</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>day to the inspection on %1</source>
        <translation>일 남음 (%1 검열)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>days to the inspection on %1</source>
        <translation>일 남음 (%1 검열)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Lending has been frozen since %1: a loan now needs a supervisor&apos;s approval and is due back before the inspection.</source>
        <translation>%1부터 대출이 동결되었습니다. 이제 대출에는 감독자 승인이 필요하며 검열 전에 반납해야 합니다.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Lending freezes on %1 (%2 days before). Until then a due date is brought forward to the day before the inspection.</source>
        <translation>%1(검열 %2일 전)에 대출이 동결됩니다. 그때까지 반납 기한은 검열 전날로 앞당겨집니다.</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../../ui/errors.py" line="+113"/>
        <source>Reading Room: unexpected error</source>
        <translation>Reading Room: 예기치 않은 오류</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Something went wrong that should not have.&lt;/b&gt;</source>
        <translation>&lt;b&gt;일어나서는 안 될 오류가 생겼습니다.&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing half-done was saved: every change is written whole or not at all. Please copy the details below and pass them to whoever looks after this computer. They are also in the log file:</source>
        <translation>반쯤 된 작업은 저장되지 않았습니다. 모든 변경은 전부 기록되거나 전혀 기록되지 않습니다. 아래 세부 내용을 복사해 이 컴퓨터 관리자에게 전해 주십시오. 같은 내용이 로그 파일에도 있습니다:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Error details</source>
        <translation>오류 세부 내용</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Copy details</source>
        <translation>세부 내용 복사(&amp;C)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the &amp;log folder</source>
        <translation>로그 폴더 열기(&amp;L)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Copied</source>
        <translation>복사함</translation>
    </message>
</context>
<context>
    <name>CustodyMoves</name>
    <message>
        <location filename="../../../ui/pages/catalogue.py" line="-650"/>
        <source>lent</source>
        <translation>대출</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>returned</source>
        <translation>반납</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>read in the room</source>
        <translation>열람실 이용</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>back from the room</source>
        <translation>열람실에서 돌아옴</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not returned at closing</source>
        <translation>열람실 마감 때 미반납</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to conservation</source>
        <translation>보존 처리로 보냄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>back from conservation</source>
        <translation>보존 처리에서 돌아옴</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>found at a stocktake</source>
        <translation>장서 점검에서 찾음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>missed at a stocktake</source>
        <translation>장서 점검에서 못 찾음</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>marked by hand</source>
        <translation>직접 표시</translation>
    </message>
</context>
<context>
    <name>CustodyPlaces</name>
    <message>
        <location line="-29"/>
        <source>shelf</source>
        <translation>서가</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>desk</source>
        <translation>대출대</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reader</source>
        <translation>이용자</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reading room</source>
        <translation>열람실</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hold shelf</source>
        <translation>예약 보관 서가</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>conservation</source>
        <translation>보존 처리</translation>
    </message>
</context>
<context>
    <name>DeskCounts</name>
    <message numerus="yes">
        <location filename="../../../ui/pages/desk.py" line="-349"/>
        <source>%n days overdue</source>
        <translation>
            <numerusform>%n일 연체</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n copies not taken back</source>
        <translation>
            <numerusform>반납 받지 않은 소장본 %n부</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n copies not renewed</source>
        <translation>
            <numerusform>연장하지 않은 소장본 %n부</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n copies not lent</source>
        <translation>
            <numerusform>대출하지 않은 소장본 %n부</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n copies in the basket not done yet</source>
        <translation>
            <numerusform>처리 목록에서 아직 처리하지 않은 소장본 %n부</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeskNotes</name>
    <message>
        <location filename="../../../ui/widgets/borrower_notes.py" line="+69"/>
        <source>Notes on this member</source>
        <translation>이 이용자에 관한 메모</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Notes on this member (%1)</source>
        <translation>이 이용자에 관한 메모(%1)</translation>
    </message>
</context>
<context>
    <name>DeskPage</name>
    <message>
        <location filename="../../../ui/pages/desk.py" line="-41"/>
        <source>Never lent to this borrower&apos;s role</source>
        <translation>이 이용자의 신분에게는 절대 대출하지 않음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs a supervisor&apos;s approval</source>
        <translation>감독자 승인 필요</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+364"/>
        <source>Membership suspended</source>
        <translation>회원 자격 정지</translation>
    </message>
    <message>
        <location line="-363"/>
        <source>Membership expired</source>
        <translation>회원 자격 만료</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An overdue loan is still out</source>
        <translation>반납되지 않은 연체 대출이 있음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At the loan limit</source>
        <translation>대출 한도에 도달함</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Already on loan</source>
        <translation>이미 대출 중</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set aside for someone else</source>
        <translation>다른 이용자 앞으로 예약 보관됨</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not for take-home loan</source>
        <translation>관외 대출 불가</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not available</source>
        <translation>이용할 수 없음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lending frozen before the inspection</source>
        <translation>검열 전 대출 동결</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Renewed as often as allowed</source>
        <translation>연장 가능 횟수를 다 씀</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Others are waiting for it</source>
        <translation>다른 대기자가 있음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Too soon to renew</source>
        <translation>아직 연장할 때가 아님</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The borrower already has it</source>
        <translation>이용자가 이미 빌려 감</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Good</source>
        <translation>양호</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Worn</source>
        <translation>낡음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ragged</source>
        <translation>해짐</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Damaged</source>
        <translation>훼손</translation>
    </message>
    <message>
        <location line="+151"/>
        <location line="+389"/>
        <source>Decision</source>
        <translation>판정</translation>
    </message>
    <message>
        <location line="-327"/>
        <location line="+324"/>
        <source>Borrower</source>
        <translation>이용자</translation>
    </message>
    <message>
        <location line="-315"/>
        <location line="+2"/>
        <source>Loans</source>
        <translation>대출</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+2"/>
        <source>Waiting lists</source>
        <translation>대기자 명단</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+18"/>
        <location line="+270"/>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <location line="-287"/>
        <location line="+18"/>
        <location line="+270"/>
        <source>Vol.</source>
        <translation>권</translation>
    </message>
    <message>
        <location line="-287"/>
        <location line="+285"/>
        <source>Barcode</source>
        <translation>바코드</translation>
    </message>
    <message>
        <location line="-284"/>
        <location line="+288"/>
        <source>Due</source>
        <translation>반납 기한</translation>
    </message>
    <message>
        <location line="-286"/>
        <source>Overdue</source>
        <translation>연체</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Set aside: {barcode}</source>
        <translation>예약 보관: {barcode}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting, number {n}</source>
        <translation>대기 {n}번</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Place</source>
        <translation>순번</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Since</source>
        <translation>대기 시작</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No borrower</source>
        <translation>이용자 없음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan a member card to see who is borrowing.</source>
        <translation>회원증을 스캔하면 누가 대출하는지 보입니다.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>no expiry</source>
        <translation>만료 없음</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{member_no} · {role} · {status} · member until {expires}
{organisation}</source>
        <translation>{member_no} · {role} · {status} · 자격 만료 {expires}
{organisation}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Loans ({n})</source>
        <translation>대출 ({n})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting lists ({n})</source>
        <translation>대기자 명단 ({n})</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Membership expired on {date}</source>
        <translation>회원 자격이 {date}에 만료됨</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A civilian: nothing may be lent</source>
        <translation>일반인: 어떤 자료도 대출할 수 없음</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>In good standing</source>
        <translation>이상 없음</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>Desk</source>
        <extracomment>what the desk shows: a borrower&apos;s loans and holds, a copy&apos;s status and decision scans and Enters typed while a call runs, done in order afterwards the basket&apos;s rows Enter confirmed, being done now (not asked about again)</extracomment>
        <translation>대출대</translation>
    </message>
    <message>
        <location line="-74"/>
        <location line="+108"/>
        <source>&amp;Lend</source>
        <translation>대출(&amp;L)</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>Copies in the basket</source>
        <extracomment>what the librarian chose when copies not yet done would be put aside the icon of each desk action (the Reading room&apos;s borrow the desk&apos;s own) the actions that take a copy back (a condition grade per row)</extracomment>
        <translation>처리 목록의 소장본</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Take back</source>
        <translation>반납 받기(&amp;T)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Renew</source>
        <translation>연장(&amp;R)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Do every allowed copy now, discard the basket (nothing is recorded for its copies), or stay and go on.</source>
        <translation>허용된 소장본을 지금 모두 처리하거나, 처리 목록을 버리거나(그 소장본은 아무것도 기록되지 않습니다), 그대로 머물러 계속하십시오.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Discard</source>
        <translation>버리기(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Stay</source>
        <translation>머물기(&amp;S)</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>&amp;Return</source>
        <translation>반납(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;new</source>
        <translation>연장(&amp;N)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Scan field</source>
        <translation>스캔 입력란</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Clear (Esc)</source>
        <translation>지우기 (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the desk</source>
        <translation>대출대 비우기</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What to do next</source>
        <translation>다음에 할 일</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Condition</source>
        <translation>보존 등급</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Being done…</source>
        <translation>처리 중…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To take back</source>
        <translation>반납 받을 것</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>May be lent</source>
        <translation>대출할 수 있음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>May be renewed</source>
        <translation>연장 가능</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Refused: {why}</source>
        <translation>거절: {why}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Copy</source>
        <translation>소장본</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <source>Basket</source>
        <translation>처리 목록</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Condition on return (↑/↓):</source>
        <translation>반납 시 보존 등급 (↑/↓):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Condition: {grade}</source>
        <translation>보존 등급: {grade}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Override…</source>
        <translation>예외 승인(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Override the refusal</source>
        <translation>거절을 예외 승인</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Place a hold</source>
        <translation>예약하기(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place a hold for this borrower</source>
        <translation>이 이용자의 예약하기</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remo&amp;ve (Del)</source>
        <translation>빼기(&amp;V) (Del)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the copy from the basket</source>
        <translation>처리 목록에서 소장본 빼기</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+11"/>
        <source>Done at this desk</source>
        <translation>이 대출대에서 처리한 일</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Scan a member card, then a copy</source>
        <translation>회원증을 스캔한 다음 소장본을 스캔하십시오</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan a copy to take it back</source>
        <translation>반납 받을 소장본을 스캔하십시오</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan a copy to renew its loan</source>
        <translation>대출을 연장할 소장본을 스캔하십시오</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Read-only: you may check what the rules decide, but not lend, take back or renew.</source>
        <translation>읽기 전용: 규정의 판정은 확인할 수 있지만 대출, 반납, 연장은 할 수 없습니다.</translation>
    </message>
    <message>
        <location line="+783"/>
        <source>Hold placed for {member_no}: {title}, vol. {volume}; {copy} set aside</source>
        <translation>{member_no} 예약: {title} 제{volume}권, {copy} 예약 보관</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hold placed for {member_no}: {title}, vol. {volume}; number {n} in line</source>
        <translation>{member_no} 예약: {title} 제{volume}권, 대기 {n}번</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hold placed</source>
        <translation>예약됨</translation>
    </message>
    <message>
        <location line="-766"/>
        <source>Scan each copy coming back; choose its condition, then Enter.</source>
        <translation>돌아온 소장본을 하나씩 스캔하고 보존 등급을 고른 뒤 Enter를 누르십시오.</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Refused. A supervisor may override (Alt+O).</source>
        <translation>거절되었습니다. 감독자가 예외 승인할 수 있습니다 (Alt+O).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refused; this cannot be overridden. Scan another copy.</source>
        <translation>거절되었습니다. 예외 승인할 수 없습니다. 다른 소장본을 스캔하십시오.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Lend (Enter)</source>
        <translation>대출 (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take back (Enter)</source>
        <translation>반납 받기 (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Renew (Enter)</source>
        <translation>연장 (Enter)</translation>
    </message>
    <message>
        <location line="+227"/>
        <source>Scan a member card first</source>
        <translation>먼저 회원증을 스캔하십시오</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Then scan this copy again to see whether it may be lent.</source>
        <translation>그런 다음 이 소장본을 다시 스캔하면 대출할 수 있는지 보입니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This copy is not on loan</source>
        <translation>이 소장본은 대출 중이 아닙니다</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing to take back.</source>
        <translation>반납 받을 것이 없습니다.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Lent on {lent}, due {due}.</source>
        <translation>{lent} 대출, 반납 기한 {due}.</translation>
    </message>
    <message>
        <location line="-233"/>
        <location line="+243"/>
        <source>Taking back from {name} ({member_no})</source>
        <translation>{name}({member_no})에게서 반납 받는 중</translation>
    </message>
    <message>
        <location line="-227"/>
        <source>Removed {barcode} from the basket, not recorded</source>
        <translation>{barcode}: 처리 목록에서 뺐습니다(기록하지 않음)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Discarded {barcode} from the basket, not recorded</source>
        <translation>{barcode}: 처리 목록에서 버렸습니다(기록하지 않음)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Still at the desk: nothing was put aside.</source>
        <translation>대출대에 그대로 있습니다. 아무것도 버리지 않았습니다.</translation>
    </message>
    <message>
        <location line="+203"/>
        <source>No copy</source>
        <translation>소장본 없음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan a copy&apos;s barcode.</source>
        <translation>소장본의 바코드를 스캔하십시오.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready</source>
        <translation>준비됨</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, translated by {t}</source>
        <translation>, {t} 옮김</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{by}
Volume {volume} of {volumes} · {barcode} · {location} · {access} · condition {condition} · {status}</source>
        <translation>{by}
전 {volumes}권 중 제{volume}권 · {barcode} · {location} · {access} · 보존 등급 {condition} · {status}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>no shelf</source>
        <translation>서가 없음</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>May be lent: due {due}</source>
        <translation>대출할 수 있음: 반납 기한 {due}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>May be renewed: due {due}</source>
        <translation>연장 가능: 반납 기한 {due}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>a supervisor may override</source>
        <translation>감독자가 예외 승인 가능</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no override</source>
        <translation>예외 승인 불가</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Refused</source>
        <translation>거절</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Nothing to do yet: scan a member card or a copy.</source>
        <translation>아직 할 일이 없습니다. 회원증이나 소장본을 스캔하십시오.</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>Not done: {barcode} was refused</source>
        <translation>처리 안 됨: {barcode} 거절</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>Lent to {name}: {copies}</source>
        <translation>{name}에게 대출: {copies}</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n copies</source>
        <translation>
            <numerusform>소장본 %n부</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Took back %n copies</source>
        <translation>
            <numerusform>소장본 %n부 반납 받음</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Renewed %n copies</source>
        <translation>
            <numerusform>소장본 %n부 연장함</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>due {due}</source>
        <translation>반납 기한 {due}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>set aside for {name} ({member_no})</source>
        <translation>{name}({member_no}) 앞으로 예약 보관</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>out of circulation (damaged)</source>
        <translation>대출 중지(훼손)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Approved by {who}: {reason}</source>
        <translation>{who} 승인: {reason}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Lent to {name}: due {due}</source>
        <translation>{name}에게 대출: 반납 기한 {due}</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>Lent {barcode} to {member_no}, due {due}</source>
        <translation>{member_no}에게 대출: {barcode}, 반납 기한 {due}</translation>
    </message>
    <message>
        <location line="-636"/>
        <location line="+15"/>
        <source>The borrower may wait for it: Place a hold (Alt+P).</source>
        <translation>이용자는 이 자료를 기다릴 수 있습니다: 예약하기 (Alt+P).</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Delete takes it out of the basket.</source>
        <translation>Delete 키를 누르면 처리 목록에서 뺍니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan the next copy, or press Enter to lend every allowed copy.</source>
        <translation>다음 소장본을 스캔하거나, Enter를 눌러 허용된 소장본을 모두 대출하십시오.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan the next copy, or press Enter to take back every copy.</source>
        <translation>다음 소장본을 스캔하거나, Enter를 눌러 모든 소장본을 반납 받으십시오.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan the next copy, or press Enter to renew every allowed copy.</source>
        <translation>다음 소장본을 스캔하거나, Enter를 눌러 허용된 소장본을 모두 연장하십시오.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Refused copies stay in the basket until removed or overridden.</source>
        <translation>거절된 소장본은 빼거나 예외 승인할 때까지 처리 목록에 남습니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Scan a member card, then each copy. Enter lends them all.</source>
        <translation>회원증을 스캔한 다음 소장본을 하나씩 스캔하십시오. Enter를 누르면 모두 대출합니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan each copy on loan; Enter renews them all.</source>
        <translation>대출 중인 소장본을 하나씩 스캔하십시오. Enter를 누르면 모두 연장합니다.</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>Lend all %n (Enter)</source>
        <translation>
            <numerusform>%n부 모두 대출 (Enter)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Take back all %n (Enter)</source>
        <translation>
            <numerusform>%n부 모두 반납 받기 (Enter)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Renew all %n (Enter)</source>
        <translation>
            <numerusform>%n부 모두 연장 (Enter)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+40"/>
        <source>Basket: %n copies</source>
        <translation>
            <numerusform>처리 목록: 소장본 %n부</numerusform>
        </translation>
    </message>
    <message>
        <location line="+640"/>
        <source>Condition: {grade}.</source>
        <translation>보존 등급: {grade}.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Set aside for {name} ({member_no})</source>
        <translation>{name}({member_no}) 앞으로 예약 보관</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Put it on the hold shelf: they are first on the waiting list.</source>
        <translation>예약 서가에 두십시오. 이 이용자가 대기자 명단의 첫 번째입니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Taken back: out of circulation</source>
        <translation>반납 받음: 이용 중지</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Damaged copies are not lent until repaired.</source>
        <translation>훼손된 소장본은 수리될 때까지 대출하지 않습니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Taken back</source>
        <translation>반납 받음</translation>
    </message>
    <message>
        <location line="-102"/>
        <source>Took back {barcode} from {member_no}</source>
        <translation>{member_no}에게서 {barcode} 반납 받음</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>Renewed: now due {due}</source>
        <translation>연장됨: 새 반납 기한 {due}</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>Renewed {barcode} for {member_no}, due {due}</source>
        <translation>{member_no}의 {barcode} 연장, 반납 기한 {due}</translation>
    </message>
    <message>
        <location line="-1000"/>
        <source>&amp;Do them</source>
        <translation>처리하기(&amp;D)</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>Reading roo&amp;m</source>
        <translation>열람실(&amp;M)</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Back from the reading room</source>
        <translation>열람실에서 돌아옴</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>May be read in the room</source>
        <translation>열람실에서 볼 수 있음</translation>
    </message>
    <message>
        <location line="+140"/>
        <source>Scan a member card, then a copy for the room; a copy at a table comes back</source>
        <translation>회원증을 스캔한 다음 열람실로 나갈 소장본을 스캔하십시오. 좌석에 있던 소장본은 돌아옵니다</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Scan the next copy, or press Enter: each allowed copy goes to its reader&apos;s seat, each copy back from a table returns to the shelf.</source>
        <translation>다음 소장본을 스캔하거나 Enter를 누르십시오. 허용된 소장본은 이용자의 좌석으로, 좌석에서 돌아온 소장본은 서가로 갑니다.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Reading room: scan a member card, then each copy they read at a table; scan a copy coming back from a table. Enter does them all.</source>
        <translation>열람실: 회원증을 스캔한 다음 좌석에서 볼 소장본을 하나씩 스캔하십시오. 좌석에서 돌아오는 소장본도 스캔하십시오. Enter로 모두 처리합니다.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Reading room: do them (Enter)</source>
        <translation>열람실: 처리하기 (Enter)</translation>
    </message>
    <message>
        <location line="+292"/>
        <location line="+292"/>
        <source>Back from the reading room: {name} ({member_no})</source>
        <translation>열람실에서 돌아옴: {name}({member_no})</translation>
    </message>
    <message>
        <location line="-289"/>
        <source>Choose its condition, then Enter: it goes back to the shelf.</source>
        <translation>보존 등급을 고른 다음 Enter를 누르십시오. 서가로 돌아갑니다.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>May be read in the reading room</source>
        <translation>열람실에서 볼 수 있음</translation>
    </message>
    <message>
        <location line="+215"/>
        <source>In the reading room: {name}, seat {seat}</source>
        <translation>열람실: {name}, {seat}번 좌석</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Back on its shelf.</source>
        <translation>서가로 돌아갔습니다.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Set aside for {name} ({member_no}).</source>
        <translation>{name}({member_no}) 이용자를 위해 예약 보관했습니다.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{barcode} to {member_no} in the reading room, seat {seat}</source>
        <translation>{barcode}: 열람실 {seat}번 좌석의 {member_no}에게</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{barcode} back from the reading room ({member_no})</source>
        <translation>{barcode}: 열람실에서 돌아옴({member_no})</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Reading room: {n} copies done</source>
        <translation>열람실: 소장본 {n}부 처리</translation>
    </message>
    <message>
        <location line="-1413"/>
        <source>Withheld by a restriction</source>
        <translation>제한 조치로 보류됨</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Its condition allows less</source>
        <translation>보존 등급상 허용되지 않음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The whole set goes out together</source>
        <translation>전집은 함께 나가야 함</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The set is not whole</source>
        <translation>전집이 다 돌아오지 않음</translation>
    </message>
    <message numerus="yes">
        <location line="+1435"/>
        <source>%n refused copies stay in the basket.</source>
        <translation>
            <numerusform>거절된 소장본 %n부는 처리 목록에 남습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+41"/>
        <source>It came back %n days late.</source>
        <translation>
            <numerusform>%n일 늦게 반납되었습니다.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FieldGrid</name>
    <message>
        <location filename="../../../ui/widgets/field_grid.py" line="+45"/>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
</context>
<context>
    <name>HoldsModel</name>
    <message>
        <location filename="../../../ui/models/holds_model.py" line="+25"/>
        <location line="+56"/>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <location line="-50"/>
        <location line="+58"/>
        <source>Waiting</source>
        <translation>대기</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>Set aside</source>
        <translation>예약 보관</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Since</source>
        <translation>대기 시작</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>to collect</source>
        <translation>수령 대기</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>set aside: %1</source>
        <translation>예약 보관: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Place</source>
        <translation>순번</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vol.</source>
        <translation>권</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member no.</source>
        <translation>회원 번호</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>신분</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Placed</source>
        <translation>예약일</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>since today</source>
        <translation>오늘부터</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 day</source>
        <translation>1일</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 days</source>
        <translation>%1일</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Barcode</source>
        <translation>바코드</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (vol. %2)</source>
        <translation>%1 (제%2권)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>For</source>
        <translation>대상 이용자</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set aside on</source>
        <translation>예약 보관일</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Collect by</source>
        <translation>수령 기한</translation>
    </message>
</context>
<context>
    <name>HoldsPage</name>
    <message>
        <location filename="../../../ui/pages/holds.py" line="+72"/>
        <source>Waiting lists</source>
        <extracomment>the waiting lists, the copies set aside and the borrowers waiting</extracomment>
        <translation>대기자 명단</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+20"/>
        <source>Works with a waiting list</source>
        <translation>대기자 명단이 있는 작품</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Waiting list in order</source>
        <translation>순서대로 본 대기자 명단</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copies set aside to be collected</source>
        <translation>수령을 기다리는 예약 보관 소장본</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Place a hold…</source>
        <translation>예약하기(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place a hold</source>
        <translation>예약하기</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Put a borrower on the waiting list for a work (the selected one at first)</source>
        <translation>이용자를 작품의 대기자 명단에 올립니다(처음에는 선택한 작품)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Cancel hold…</source>
        <translation>예약 취소(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the selected hold</source>
        <translation>선택한 예약 취소</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel set-&amp;aside hold…</source>
        <translation>예약 보관 취소(&amp;A)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel the hold of the selected set-aside copy</source>
        <translation>선택한 예약 보관 소장본의 예약 취소</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+96"/>
        <source>Waiting list</source>
        <translation>대기자 명단</translation>
    </message>
    <message>
        <location line="-95"/>
        <source>Set aside, waiting to be collected</source>
        <translation>예약 보관, 수령 대기 중</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Works with a waiting list (%1)</source>
        <translation>대기자 명단이 있는 작품 (%1)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Set aside, waiting to be collected (%1)</source>
        <translation>예약 보관, 수령 대기 중 (%1)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Waiting list: %1</source>
        <translation>대기자 명단: %1</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Take %1 off the waiting list (%2)? A copy set aside for them passes to the next in line.</source>
        <translation>%1: 대기자 명단(%2)에서 뺄까요? 이 이용자 앞으로 예약 보관된 소장본은 다음 대기자에게 넘어갑니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel hold</source>
        <translation>예약 취소</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1&apos;s hold is cancelled.</source>
        <translation>%1의 예약이 취소되었습니다.</translation>
    </message>
</context>
<context>
    <name>InspectionLabels</name>
    <message>
        <location filename="../../../ui/models/inspection_labels.py" line="+25"/>
        <source>Overdue</source>
        <translation>연체</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due after the inspection</source>
        <translation>검열 뒤 반납 예정</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+81"/>
        <source>On loan</source>
        <translation>대출 중</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>Set aside for a hold</source>
        <translation>예약 보관됨</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+80"/>
        <source>Missing</source>
        <translation>소재 불명</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>Lost</source>
        <translation>분실</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Damaged</source>
        <translation>훼손</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incomplete set</source>
        <translation>불완전한 세트</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 overdue</source>
        <translation>연체 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>%1 due after the inspection</source>
        <translation>검열 뒤 반납 예정 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 on loan</source>
        <translation>대출 중 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 set aside</source>
        <translation>예약 보관 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 missing</source>
        <translation>소재 불명 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 lost</source>
        <translation>분실 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 damaged</source>
        <translation>훼손 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 volume lacking from a set</source>
        <translation>세트에서 빠진 권 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 volumes lacking from sets</source>
        <translation>세트에서 빠진 권 %1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>unknown barcode</source>
        <translation>알 수 없는 바코드</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>scanned before</source>
        <translation>이미 스캔함</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wrong location</source>
        <translation>위치 틀림</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>records say on loan</source>
        <translation>기록상 대출 중</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not on the expected list</source>
        <translation>예상 목록에 없음</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Present</source>
        <translation>있음</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Misplaced</source>
        <translation>잘못 꽂힘</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unexpected</source>
        <translation>예상 밖</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Found, but on loan</source>
        <translation>있음, 그러나 대출 중</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>1 · Reminder</source>
        <translation>1 · 1차 독촉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2 · Second notice</source>
        <translation>2 · 2차 독촉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3 · Final demand</source>
        <translation>3 · 최종 독촉</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Inventory</source>
        <translation>소장 현황</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loans</source>
        <translation>대출</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue loans</source>
        <translation>연체 대출</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inspection (stocktake)</source>
        <translation>검열 (장서 점검)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved exceptions</source>
        <translation>승인된 예외</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Condition</source>
        <translation>보존 등급</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Circulation and demand</source>
        <translation>대출 현황과 수요</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register of exceptions</source>
        <translation>예외 대장</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Every copy with its status, location and condition.</source>
        <translation>모든 소장본의 상태, 위치, 보존 등급.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every active loan with its due date.</source>
        <translation>반납되지 않은 모든 대출과 반납 기한.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active loans past their due date, with days overdue.</source>
        <translation>반납 기한이 지난 대출과 연체 일수.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A stocktake&apos;s outcome for every copy, the sign-off names and dates, and the audit chain&apos;s verification and latest hash.</source>
        <translation>장서 점검에서 소장본마다 나온 결과, 서명자 이름과 날짜, 감사 기록 체인 검증 결과와 최신 해시.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every approved exception: who approved it, for whom, and why.</source>
        <translation>승인된 모든 예외: 누가, 누구에게, 왜 승인했는지.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The condition of every copy, worst first.</source>
        <translation>모든 소장본의 보존 등급(나쁜 것부터).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loans per work over the period and waiting-list lengths: the most requested titles.</source>
        <translation>기간 중 작품별 대출 수와 대기자 명단 길이: 가장 많이 찾는 작품.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every exception in one place, by date: overrides, back-dated loans and returns, refused attempts, copies missing, lost, withdrawn or found again, restores and policy changes.</source>
        <translation>모든 예외를 한곳에 날짜순으로: 예외 승인, 지난 날짜로 기록한 대출과 반납, 거절된 시도, 소재 불명·분실·제적되거나 다시 찾은 책, 복원, 정책 변경.</translation>
    </message>
    <message>
        <location line="-145"/>
        <source>In the reading room</source>
        <translation>열람실에 있음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not returned at the room&apos;s closing</source>
        <translation>열람실 마감 때 미반납</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 in the reading room</source>
        <translation>열람실에 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>%1 not returned at the room&apos;s closing</source>
        <translation>열람실 마감 때 미반납 %1</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Custody ledger</source>
        <translation>소장본 이동 대장</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Every move of every copy in the period: shelf, desk, reader, reading room, conservation, stocktake and write-off, with who moved it and the audit entry.</source>
        <translation>기간 중 모든 소장본의 모든 이동: 서가, 대출대, 이용자, 열람실, 보존 처리, 장서 점검과 제적, 옮긴 사람과 감사 기록 항목까지.</translation>
    </message>
</context>
<context>
    <name>InspectionTables</name>
    <message>
        <location filename="../../../ui/models/inspection_tables.py" line="+36"/>
        <source>%1, vol. %2</source>
        <translation>%1, 제%2권</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1 day</source>
        <translation>1일</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 days</source>
        <translation>%1일</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+18"/>
        <location line="+23"/>
        <location line="+26"/>
        <location line="+19"/>
        <source>Barcode</source>
        <translation>바코드</translation>
    </message>
    <message>
        <location line="-86"/>
        <source>(no copy)</source>
        <translation>(소장본 없음)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+41"/>
        <location line="+26"/>
        <location line="+20"/>
        <location line="+36"/>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <location line="-122"/>
        <location line="+41"/>
        <location line="+26"/>
        <location line="+20"/>
        <source>Vol.</source>
        <translation>권</translation>
    </message>
    <message>
        <location line="-86"/>
        <location line="+44"/>
        <location line="+23"/>
        <location line="+20"/>
        <source>Due</source>
        <translation>반납 기한</translation>
    </message>
    <message>
        <location line="-86"/>
        <location line="+61"/>
        <source>Days overdue</source>
        <translation>연체 일수</translation>
    </message>
    <message>
        <location line="-60"/>
        <location line="+41"/>
        <location line="+20"/>
        <location line="+26"/>
        <source>Borrower</source>
        <translation>이용자</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>Scanned</source>
        <translation>스캔 시각</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy</source>
        <translation>소장본</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location</source>
        <translation>위치</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flags</source>
        <translation>표시</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>found</source>
        <translation>확인됨</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Outcome</source>
        <translation>결과</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Shelf</source>
        <translation>서가</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Found at</source>
        <translation>발견 위치</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <location line="+12"/>
        <source> (copy to the supervisor)</source>
        <translation> (감독자에게 사본)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+39"/>
        <source>Level</source>
        <translation>단계</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Last sent</source>
        <translation>마지막 발송</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+17"/>
        <source>Overdue</source>
        <translation>연체</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Sent on</source>
        <translation>발송일</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>By</source>
        <translation>발송자</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Supervisor told</source>
        <translation>감독자 통보</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Author</source>
        <translation>저자</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting</source>
        <translation>대기</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set aside</source>
        <translation>예약 보관</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting since</source>
        <translation>대기 시작일</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>matches the manifest</source>
        <translation>매니페스트와 일치</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CHANGED since export</source>
        <translation>내보낸 뒤 변경됨</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MISSING</source>
        <translation>없음</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manifest check</source>
        <translation>매니페스트 확인</translation>
    </message>
</context>
<context>
    <name>JobBar</name>
    <message>
        <location filename="../../../ui/widgets/job_bar.py" line="+41"/>
        <source>Working</source>
        <translation>처리 중</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../../ui/models/labels.py" line="+33"/>
        <source>Writer</source>
        <translation>작가</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cadre</source>
        <translation>간부</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Civilian</source>
        <translation>일반인</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>librarian</source>
        <translation>사서</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>supervisor</source>
        <translation>감독자</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>inspector</source>
        <translation>검열관</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>writers</source>
        <translation>작가</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cadres</source>
        <translation>간부</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>civilians</source>
        <translation>일반인</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+9"/>
        <source>Lendable</source>
        <translation>대출용</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+51"/>
        <source>Reading room only</source>
        <translation>열람실 전용</translation>
    </message>
    <message>
        <location line="-50"/>
        <location line="+9"/>
        <source>Staff only</source>
        <translation>직원 전용</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Reading room</source>
        <translation>열람실</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Available</source>
        <translation>비치 중</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On loan</source>
        <translation>대출 중</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+42"/>
        <source>Set aside</source>
        <translation>예약 보관</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Missing</source>
        <translation>소재 불명</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawn</source>
        <translation>제적</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lost</source>
        <translation>분실</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+20"/>
        <source>Damaged</source>
        <translation>훼손</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Active</source>
        <translation>정상</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suspended</source>
        <translation>정지</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Good</source>
        <translation>양호</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Worn</source>
        <translation>낡음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ragged</source>
        <translation>해짐</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Loan</source>
        <translation>대출</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loan with approval</source>
        <translation>승인 시 대출</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Never</source>
        <translation>불가</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Waiting</source>
        <translation>대기</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Collected</source>
        <translation>수령함</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expired, not collected</source>
        <translation>기한 만료, 수령 안 함</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>role never permitted</source>
        <translation>허용되지 않는 신분</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>needs approval</source>
        <translation>승인 필요</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>suspended</source>
        <translation>자격 정지</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>membership expired</source>
        <translation>자격 만료</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>has an overdue loan</source>
        <translation>연체 대출 있음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>at the item limit</source>
        <translation>대출 한도 도달</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>already lent</source>
        <translation>이미 대출됨</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>set aside for another</source>
        <translation>다른 이용자 예약 보관</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not for loan</source>
        <translation>대출 불가</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not available</source>
        <translation>이용 불가</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>inspection freeze</source>
        <translation>검열 전 동결</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>renewal limit</source>
        <translation>연장 한도</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>others waiting</source>
        <translation>다른 대기자 있음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>renewal too soon</source>
        <translation>너무 이른 연장</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>already has it</source>
        <translation>이미 빌려 감</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loans still out</source>
        <translation>대출 중인 책 있음</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>English</source>
        <translation>영어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>French</source>
        <translation>프랑스어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Japanese</source>
        <translation>일본어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Italian</source>
        <translation>이탈리아어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Russian</source>
        <translation>러시아어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>German</source>
        <translation>독일어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Korean</source>
        <translation>한국어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese</source>
        <translation>중국어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spanish</source>
        <translation>스페인어</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>restricted</source>
        <translation>제한됨</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>condition allows less</source>
        <translation>보존 등급상 불가</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>set goes out whole</source>
        <translation>전집 함께 대출</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>set incomplete</source>
        <translation>전집 미반납</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../../../ui/i18n.py" line="+182"/>
        <source>&amp;Language</source>
        <extracomment>English&apos;s plural forms, installed once and kept (under every language)</extracomment>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>As the &amp;system</source>
        <translation>시스템 설정 따르기(&amp;S)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The language changes when Reading Room next starts.</source>
        <translation>언어는 Reading Room을 다음에 시작할 때 바뀝니다.</translation>
    </message>
</context>
<context>
    <name>LiftDialog</name>
    <message>
        <location filename="../../../ui/pages/restrictions.py" line="+159"/>
        <source>Lift restriction %1</source>
        <translation>제한 %1 해제</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Reason:</source>
        <translation>사유(&amp;R):</translation>
    </message>
</context>
<context>
    <name>LoansModel</name>
    <message>
        <location filename="../../../ui/models/loans_model.py" line="+22"/>
        <source>1 day overdue</source>
        <translation>1일 연체</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 days overdue</source>
        <translation>%1일 연체</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>due today</source>
        <translation>오늘 반납</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>due tomorrow</source>
        <translation>내일 반납</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>due in %1 days</source>
        <translation>%1일 뒤 반납</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 (vol. %2)</source>
        <translation>%1 (제%2권)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Due</source>
        <translation>반납 기한</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Overdue</source>
        <translation>연체</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Barcode</source>
        <translation>바코드</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member no.</source>
        <translation>회원 번호</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Borrower</source>
        <translation>이용자</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>신분</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lent</source>
        <translation>대출일</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Renewed</source>
        <translation>연장 횟수</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Approved by</source>
        <translation>승인자</translation>
    </message>
</context>
<context>
    <name>LoansPage</name>
    <message>
        <location filename="../../../ui/pages/loans.py" line="+38"/>
        <source>Loans</source>
        <extracomment>the active loans, their borrowers and their copies</extracomment>
        <translation>대출 목록</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Search title, barcode, member number or name (Ctrl+F)</source>
        <translation>제목, 바코드, 회원 번호, 이름 검색 (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All active loans</source>
        <translation>반납 전 모든 대출</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Which loans</source>
        <translation>표시할 대출</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue only</source>
        <translation>연체만</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loans summary</source>
        <translation>대출 요약</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Active loans</source>
        <translation>반납 전 대출</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Selected loan</source>
        <translation>선택한 대출</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 active, %2 overdue</source>
        <translation>반납 전 %1건, 연체 %2건</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No loan selected</source>
        <translation>선택한 대출 없음</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Borrower</source>
        <translation>이용자</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 %2 (%3, %4)</source>
        <translation>%1 %2 (%3, %4)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Organisation</source>
        <translation>소속</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lent</source>
        <translation>대출일</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Due</source>
        <translation>반납 기한</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Renewed</source>
        <translation>연장 횟수</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved by</source>
        <translation>승인자</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reminders</source>
        <translation>독촉장</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>none sent yet</source>
        <translation>아직 보내지 않음</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 — sent %2, 1 day overdue</source>
        <translation>%1 — %2 발송, 1일 연체</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 — sent %2, %3 days overdue</source>
        <translation>%1 — %2 발송, %3일 연체</translation>
    </message>
</context>
<context>
    <name>LockPanel</name>
    <message>
        <location filename="../../../ui/lock.py" line="+102"/>
        <source>Sign in as someone &amp;else</source>
        <translation>다른 사람으로 로그인(&amp;E)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Back to the writers&apos; catalogue</source>
        <translation>작가용 장서 목록으로 돌아가기(&amp;B)</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+14"/>
        <source>Locked</source>
        <translation>잠김</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The window locked itself. Sign in to go on.</source>
        <translation>창이 잠겼습니다. 계속하려면 로그인하십시오.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed out</source>
        <translation>로그아웃됨</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nobody is signed in. Sign in to use the catalogue.</source>
        <translation>로그인한 사람이 없습니다. 장서 목록을 쓰려면 로그인하십시오.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Staff only</source>
        <translation>직원 전용</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leaving the writers&apos; catalogue needs a member of staff to sign in.</source>
        <translation>작가용 장서 목록에서 나가려면 직원이 로그인해야 합니다.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../../ui/main_window.py" line="+69"/>
        <source>Idle lock</source>
        <extracomment>how often the window looks whether the date has changed (holds past their pickup date then expire with the window open, as at a sign-in)</extracomment>
        <translation>자동 잠금</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock the window after this many minutes without use:</source>
        <translation>쓰지 않은 채 이 시간(분)이 지나면 창 잠그기:</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+528"/>
        <location line="+18"/>
        <source>Reading Room</source>
        <translation>Reading Room</translation>
    </message>
    <message>
        <location line="-539"/>
        <source>DEMO</source>
        <translation>데모</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demo catalogue</source>
        <translation>데모 장서 목록</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The demo collection: its own file, apart from real records.</source>
        <translation>데모 장서: 실제 기록과 떨어진 별도의 파일입니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>SERVER</source>
        <translation>서버</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Catalogue on a server</source>
        <translation>서버의 장서 목록</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Signed in</source>
        <translation>로그인한 사람</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>{name} · {role}</source>
        <translation>{name} · {role}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nobody signed in</source>
        <translation>로그인한 사람 없음</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The catalogue is the database {name} on a PostgreSQL server. Its backups are the server&apos;s business: the window makes no daily copy; &apos;readingroom backup&apos; runs pg_dump, or the server&apos;s administrator backs it up.</source>
        <translation>장서 목록은 PostgreSQL 서버의 데이터베이스 {name}입니다. 백업은 서버가 맡습니다. 이 창은 매일의 사본을 만들지 않습니다. &apos;readingroom backup&apos;이 pg_dump를 실행하거나 서버 관리자가 백업합니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The catalogue is the file {name}. The first time the window closes each day it copies the file into its backups folder.</source>
        <translation>장서 목록은 파일 {name}입니다. 날마다 창을 처음 닫을 때 파일을 백업 폴더에 복사합니다.</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Pages</source>
        <extracomment>False: closing never asks about the desk&apos;s basket (the screenshots&apos; window; the tests, whose windows pytest-qt closes after each test) emitted once after each successful write: (Changes, the widget that started it)</extracomment>
        <translation>페이지</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>&amp;Writers&apos; catalogue</source>
        <translation>작가용 장서 목록(&amp;W)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The writers&apos; catalogue (Ctrl+Shift+W)</source>
        <translation>작가용 장서 목록 (Ctrl+Shift+W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loc&amp;k</source>
        <translation>잠금(&amp;K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock the window now (Ctrl+Shift+L)</source>
        <translation>지금 창 잠그기 (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Go to &amp;page…</source>
        <translation>페이지로 가기(&amp;P)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Switch &amp;user…</source>
        <translation>사용자 전환(&amp;U)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ign out</source>
        <translation>로그아웃(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change my &amp;password…</source>
        <translation>내 비밀번호 변경(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock after &amp;idle time…</source>
        <translation>자동 잠금 시간(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Scan field</source>
        <translation>스캔 입력란(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About Reading Room</source>
        <translation>Reading Room 정보(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the &amp;log folder</source>
        <translation>로그 폴더 열기(&amp;L)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Session</source>
        <translation>세션(&amp;S)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Go</source>
        <translation>이동(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <location line="+49"/>
        <source> (demo)</source>
        <translation> (데모)</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>This page could not be opened; the details are in the error report and the log file.</source>
        <translation>이 페이지를 열 수 없습니다. 세부 내용은 오류 보고서와 로그 파일에 있습니다.</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Only a librarian or a supervisor can open the writers&apos; catalogue.</source>
        <translation>작가용 장서 목록은 사서나 감독자만 열 수 있습니다.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Writers&apos; catalogue: Reading Room</source>
        <translation>작가용 장서 목록: Reading Room</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Your account was disabled, locked or changed, so nothing was changed and you were signed out. Sign in again, or ask a supervisor.</source>
        <translation>계정이 비활성화되었거나 잠겼거나 바뀌었으므로 아무것도 바꾸지 않고 로그아웃했습니다. 다시 로그인하거나 감독자에게 문의하십시오.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Your password was changed.</source>
        <translation>비밀번호가 변경되었습니다.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The window now locks after {n} minutes without use.</source>
        <translation>이제 쓰지 않은 채 {n}분이 지나면 창이 잠깁니다.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Reading Room: {user}</source>
        <translation>Reading Room: {user}</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>About Reading Room</source>
        <translation>Reading Room 정보</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Reading Room&lt;/b&gt; {version}&lt;br&gt;A catalogue and lending desk for a restricted collection: the rules refuse what they forbid, and every exception is recorded with a name and a reason.</source>
        <translation>&lt;b&gt;Reading Room&lt;/b&gt; {version}&lt;br&gt;제한 장서를 위한 장서 목록과 대출대입니다. 규정이 금지하는 것은 규정이 거절하고, 모든 예외는 이름과 사유와 함께 기록됩니다.</translation>
    </message>
    <message numerus="yes">
        <location line="-301"/>
        <source>%n copies in the last basket were not recorded: scan them again.</source>
        <translation>
            <numerusform>지난 처리 목록의 소장본 %n부가 기록되지 않았습니다: 다시 스캔하십시오.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../../ui/widgets/message_bar.py" line="+48"/>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
</context>
<context>
    <name>MessageLabel</name>
    <message>
        <location filename="../../../ui/signin.py" line="+63"/>
        <source>Message</source>
        <extracomment>what a sign-in writes: the audit trail (and, for a supervisor, its seal) what changing one&apos;s password writes</extracomment>
        <translation>메시지</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../../ui/widgets/borrower_notes.py" line="+30"/>
        <source>Notes on this member</source>
        <translation>이 이용자에 관한 메모</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Shown at every scan of this card</source>
        <translation>이 회원 카드를 스캔할 때마다 보임</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New note</source>
        <translation>새 메모</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Add note</source>
        <translation>메모 추가(&amp;A)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reso&amp;lve</source>
        <translation>해결(&amp;L)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolve the selected note</source>
        <translation>선택한 메모 해결</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>No notes.</source>
        <translation>메모가 없습니다.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Note added.</source>
        <translation>메모를 추가했습니다.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Note resolved: it stays in the history.</source>
        <translation>메모를 해결했습니다. 이력에는 남아 있습니다.</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <location filename="../../../ui/pages/desk.py" line="-1426"/>
        <source>Override a refusal</source>
        <translation>거절 예외 승인</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Overriding: {reasons}</source>
        <translation>예외 승인 대상: {reasons}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Supervisor&apos;s user name</source>
        <translation>감독자 사용자 이름</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Supervisor&apos;s password</source>
        <translation>감독자 비밀번호</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only a supervisor may override. A supervisor signs in here to approve this one loan.</source>
        <translation>감독자만 예외 승인할 수 있습니다. 이 대출 한 건을 승인하려면 감독자가 여기에서 로그인하십시오.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Supervisor&apos;s &amp;user name:</source>
        <translation>감독자 사용자 이름(&amp;U):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>비밀번호(&amp;P):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason for the override</source>
        <translation>예외 승인 사유</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why is this loan approved? (recorded with the loan and in the audit log)</source>
        <translation>이 대출을 왜 승인합니까? (대출과 감사 기록에 함께 기록됨)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Reason:</source>
        <translation>사유(&amp;R):</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Approve</source>
        <translation>승인(&amp;A)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>An override needs a reason.</source>
        <translation>예외 승인에는 사유가 필요합니다.</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>What the override does</source>
        <translation>예외 승인의 결과</translation>
    </message>
</context>
<context>
    <name>PageSwitcher</name>
    <message>
        <location filename="../../../ui/page_switcher.py" line="+63"/>
        <location line="+3"/>
        <source>Go to page</source>
        <translation>페이지로 가기</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Page name</source>
        <translation>페이지 이름</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type part of a page&apos;s name</source>
        <translation>페이지 이름의 일부를 입력하십시오</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pages</source>
        <translation>페이지</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No page has that in its name.</source>
        <translation>이름에 그 글자가 든 페이지가 없습니다.</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../../ui/signin.py" line="+199"/>
        <source>Change my password</source>
        <translation>내 비밀번호 변경</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Current password:</source>
        <translation>현재 비밀번호(&amp;C):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Current password</source>
        <translation>현재 비밀번호</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New password:</source>
        <translation>새 비밀번호(&amp;N):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New password</source>
        <translation>새 비밀번호</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New password &amp;again:</source>
        <translation>새 비밀번호 확인(&amp;A):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New password again</source>
        <translation>새 비밀번호 확인</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>C&amp;hange</source>
        <translation>변경(&amp;H)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Signed in as {name}.</source>
        <translation>로그인했습니다: {name}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The two new passwords differ.</source>
        <translation>두 새 비밀번호가 서로 다릅니다.</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <location filename="../../../ui/widgets/pdf_preview.py" line="+93"/>
        <source>Print preview</source>
        <extracomment>the resolution pages are rendered at for printing (the painter scales them to the paper)</extracomment>
        <translation>인쇄 미리 보기</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Pages</source>
        <translation>페이지</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit &amp;width</source>
        <translation>너비 맞춤(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wh&amp;ole page</source>
        <translation>페이지 전체(&amp;O)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>P&amp;rint…</source>
        <translation>인쇄(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the previewed document</source>
        <translation>미리 본 문서 인쇄</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Page %1 of %2</source>
        <translation>%1 / %2 페이지</translation>
    </message>
</context>
<context>
    <name>Pickup</name>
    <message>
        <location filename="../../../ui/pickup.py" line="+33"/>
        <source>%1 now set aside for %2</source>
        <translation>%1: 이제 %2 앞으로 예약 보관</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 back to the shelf</source>
        <translation>%1: 서가로</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 set-aside hold expired, not collected in time</source>
        <translation>예약 보관 1건이 기한 안에 수령되지 않아 만료되었습니다</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 set-aside holds expired, not collected in time</source>
        <translation>예약 보관 %1건이 기한 안에 수령되지 않아 만료되었습니다</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Set-aside copies past their pickup date</source>
        <translation>수령 기한이 지난 예약 보관 소장본</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1 for %2 (collect by %3)</source>
        <extracomment>set-aside copies past their pickup date named one by one</extracomment>
        <translation>%1 (%2 예약분, 수령 기한 %3)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>and %1 more</source>
        <translation>외 %1건</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 set-aside copy is past its pickup date</source>
        <translation>예약 보관 소장본 1부가 수령 기한을 넘겼습니다</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 set-aside copies are past their pickup date</source>
        <translation>예약 보관 소장본 %1부가 수령 기한을 넘겼습니다</translation>
    </message>
</context>
<context>
    <name>PlaceHoldDialog</name>
    <message>
        <location filename="../../../ui/dialogs/place_hold.py" line="+88"/>
        <source>%1, volume %2</source>
        <extracomment>matches listed under a search field what a picker looks for</extracomment>
        <translation>%1, 제%2권</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy %1 of %2 is set aside for %3: put it on the hold shelf.</source>
        <translation>%2의 소장본(%1)을 %3 앞으로 예약 보관했습니다. 예약 서가에 두십시오.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is number %2 on the waiting list for %3.</source>
        <translation>%3 대기자 명단: %1, %2번째입니다.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Matches: %1</source>
        <translation>검색 결과: %1</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Nothing matches.</source>
        <translation>일치하는 항목이 없습니다.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Place a hold</source>
        <translation>예약하기</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Borrower:</source>
        <translation>이용자(&amp;B):</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Borrower:</source>
        <translation>이용자:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Member number or name</source>
        <translation>회원 번호 또는 이름</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Borrower</source>
        <translation>이용자</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Work:</source>
        <translation>작품(&amp;W):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Title, author or a copy&apos;s barcode</source>
        <translation>제목, 저자 또는 소장본 바코드</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 by %2</source>
        <translation>%1 (%2 지음)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Work</source>
        <translation>작품</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Volume</source>
        <translation>권</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Volume:</source>
        <translation>권(&amp;V):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Place hold</source>
        <translation>예약(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Place the hold</source>
        <translation>예약하기</translation>
    </message>
</context>
<context>
    <name>PolicyModel</name>
    <message>
        <location filename="../../../ui/models/policy_model.py" line="+32"/>
        <source>1 item</source>
        <translation>1부</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 items</source>
        <translation>%1부</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 renewal</source>
        <translation>연장 1회</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 renewals</source>
        <translation>연장 %1회</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2 days, %3, %4</source>
        <translation>%1: %2일, %3, %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fixed: a civilian is never lent anything, and no override exists.</source>
        <translation>고정 규정: 일반인에게는 어떤 자료도 대출하지 않으며 예외 승인도 없습니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fixed: staff-only works are never lent.</source>
        <translation>고정 규정: 직원 전용 작품은 절대 대출하지 않습니다.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Select to change this rule.</source>
        <translation>이 규정을 바꾸려면 선택하십시오.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>may borrow</source>
        <translation>대출 허용</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>needs a supervisor</source>
        <translation>감독자 필요</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refused</source>
        <translation>거절</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+20"/>
        <source>would now be allowed %1 without a supervisor&apos;s approval</source>
        <translation>이제 감독자 승인 없이 %1 대출 허용</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+20"/>
        <source>would now be allowed %1</source>
        <translation>이제 %1 대출 허용</translation>
    </message>
    <message>
        <location line="-18"/>
        <location line="+19"/>
        <source>would now be refused %1</source>
        <translation>이제 %1 대출 거절</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+18"/>
        <source>could now borrow %1 with a supervisor&apos;s approval</source>
        <translation>이제 감독자 승인을 받으면 %1 대출 허용</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+17"/>
        <source>would now need a supervisor&apos;s approval for %1</source>
        <translation>이제 %1 대출에 감독자 승인 필요</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+16"/>
        <source>would no longer need approval for %1 (other reasons still stand)</source>
        <translation>%1 대출에 더는 승인이 필요 없음 (다른 사유는 그대로 남음)</translation>
    </message>
    <message>
        <location line="-14"/>
        <location line="+15"/>
        <source>would now be at the item limit for %1</source>
        <translation>이제 %1 대출 한도에 걸림</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+14"/>
        <source>would no longer be at the item limit for %1</source>
        <translation>%1 대출 한도에 더는 걸리지 않음</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>would be refused %1 for other reasons</source>
        <translation>다른 사유로 %1 대출 거절</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>1 %1</source>
        <translation>%1 1명</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 %2</source>
        <translation>%2 %1명</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This is the rule in force: nothing would change.</source>
        <translation>지금 시행 중인 규정입니다. 바뀌는 것이 없습니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 works</source>
        <translation>%1 작품</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No current %1&apos;s answer for %2 would change.</source>
        <translation>현재 %1 중 %2에 대한 판정이 바뀌는 사람은 없습니다.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New loans would be due after %1 days instead of %2.</source>
        <translation>새 대출의 반납 기한이 %2일 대신 %1일 뒤가 됩니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>1 active loan could no longer be renewed.</source>
        <translation>반납 전 대출 1건을 더는 연장할 수 없게 됩니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 active loans could no longer be renewed.</source>
        <translation>반납 전 대출 %1건을 더는 연장할 수 없게 됩니다.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Member no.</source>
        <translation>회원 번호</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Now</source>
        <translation>현재</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>After the change</source>
        <translation>변경 후</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reasons after</source>
        <translation>변경 후 사유</translation>
    </message>
</context>
<context>
    <name>PolicyPage</name>
    <message>
        <location filename="../../../ui/pages/policy.py" line="+56"/>
        <source>Lending policy</source>
        <translation>대출 규정</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Who may take what home. Select a cell to change it; the preview shows what the change would do for the current borrowers before you save it.</source>
        <translation>누가 무엇을 관외 대출할 수 있는지 정합니다. 칸을 선택해 바꾸십시오. 저장하기 전에 미리 보기가 현재 이용자에게 어떤 변화가 생기는지 보여 줍니다.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Lending policy: roles by access class</source>
        <translation>대출 규정: 이용 등급별 신분</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Change the rule</source>
        <translation>규정 변경</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+43"/>
        <source> days</source>
        <translation>일</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>&amp;Rule:</source>
        <translation>규정(&amp;R):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rule</source>
        <translation>규정</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loan &amp;days:</source>
        <translation>대출 일수(&amp;D):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Loan days</source>
        <translation>대출 일수</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Item limit:</source>
        <translation>대출 한도(&amp;I):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Item limit</source>
        <translation>대출 한도</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;newals:</source>
        <translation>연장 횟수(&amp;N):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Renewals</source>
        <translation>연장 횟수</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Save ch&amp;ange</source>
        <translation>변경 저장(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the rule</source>
        <translation>규정 저장</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;vert</source>
        <translation>되돌리기(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revert to the rule in force</source>
        <translation>시행 중인 규정으로 되돌리기</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Holds</source>
        <translation>예약</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Days a set-aside copy waits</source>
        <translation>예약 보관 소장본의 보관 일수</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A copy set aside for a hold waits this many days; then the hold expires and the copy passes to the next in line or back to the shelf.</source>
        <translation>예약 보관한 소장본은 이 일수만큼 기다립니다. 그 뒤에는 예약이 만료되고 소장본은 다음 대기자에게 넘어가거나 서가로 돌아갑니다.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Set-aside copies &amp;wait:</source>
        <translation>예약 보관 기간(&amp;W):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save pic&amp;kup days</source>
        <translation>수령 기간 저장(&amp;K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the pickup days</source>
        <translation>수령 기간 저장</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>Saved: a set-aside copy now waits %1 days to be collected.</source>
        <translation>저장했습니다. 이제 예약 보관 소장본은 %1일 동안 수령을 기다립니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What the change would do</source>
        <translation>변경의 영향</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Preview of the change</source>
        <translation>변경 미리 보기</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+2"/>
        <source>Borrowers whose answer would change</source>
        <translation>판정이 바뀌는 이용자</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>%1 × %2 — in force: %3</source>
        <translation>%1 × %2 — 시행 중: %3</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>This change cannot be made.</source>
        <translation>이렇게 바꿀 수는 없습니다.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Read-only: only a supervisor may change the lending policy.</source>
        <translation>읽기 전용: 대출 규정은 감독자만 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Saved: %1 × %2 is now “%3”.</source>
        <translation>저장함: %1 × %2 → 이제 “%3”.</translation>
    </message>
    <message>
        <location line="-268"/>
        <source>Condition of a copy</source>
        <translation>소장본의 보존 등급</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Condition grade</source>
        <translation>보존 등급</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What the grade allows</source>
        <translation>보존 등급이 허용하는 것</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loan</source>
        <translation>대출</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading room only</source>
        <translation>열람실 전용</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No use</source>
        <translation>이용 불가</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save condi&amp;tion</source>
        <translation>보존 등급 저장(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the condition row</source>
        <translation>보존 등급 규정 저장</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;ondition:</source>
        <translation>보존 등급(&amp;O):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>allows</source>
        <translation>허용:</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Saved: a copy in %1 condition now allows: %2.</source>
        <translation>저장했습니다: 보존 등급이 %1인 소장본은 이제 %2.</translation>
    </message>
</context>
<context>
    <name>PrintLanguageCombo</name>
    <message>
        <location filename="../../../ui/widgets/print_language.py" line="+26"/>
        <source>Printing language</source>
        <translation>인쇄 언어</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The language of every report, reminder and recall letter, desk slip and sign-off sheet this branch prints, whatever language the window shows.</source>
        <translation>창의 언어와 관계없이 이 지부가 인쇄하는 모든 보고서, 독촉장과 회수 요청서, 대출대 영수증, 확인서의 언어입니다.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only a supervisor changes this.</source>
        <translation>감독자만 바꿀 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../../ui/pages/stocktake.py" line="+101"/>
        <source>Copies found</source>
        <extracomment>how many of the newest scans the list shows</extracomment>
        <translation>확인된 소장본</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%v of %m found</source>
        <translation>%m부 중 %v부 확인</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Scan flags</source>
        <translation>스캔 표시</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 left to find</source>
        <translation>남은 소장본 %1부</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 not found</source>
        <translation>찾지 못함 %1부</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n scan(s)</source>
        <translation>
            <numerusform>스캔 %n회</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 of %2 found</source>
        <translation>%2부 중 %1부 확인</translation>
    </message>
</context>
<context>
    <name>ReadinessPage</name>
    <message>
        <location filename="../../../ui/pages/readiness.py" line="+100"/>
        <source>Readiness</source>
        <extracomment>the schedule and every copy off its shelf, with its loan and borrower</extracomment>
        <translation>검열 준비</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Root key fingerprint</source>
        <translation>뿌리 열쇠 지문</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Copies not on their shelf</source>
        <translation>서가에 없는 소장본</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Root key fingerprint:</source>
        <translation>뿌리 열쇠 지문:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The inspector keeps this fingerprint on paper and compares it at the next inspection: a catalogue whose seals lead to another root key is not the one inspected.</source>
        <translation>검열관은 이 지문을 종이에 적어 두었다가 다음 검열 때 대조합니다. 봉인이 다른 뿌리 열쇠로 이어지는 장서 목록은 검열받은 그 목록이 아닙니다.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>What is not on its shelf</source>
        <translation>서가에 없는 것</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every reason</source>
        <translation>모든 사유</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason filter</source>
        <translation>사유 필터</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Recall letters…</source>
        <translation>회수 요청서(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write recall letters</source>
        <translation>회수 요청서 작성</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One PDF letter per borrower for every loan overdue or due after the inspection (Ctrl+R)</source>
        <translation>연체되었거나 반납 기한이 검열 뒤인 대출에 대해 이용자마다 PDF 요청서 한 통 (Ctrl+R)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Set-aside copies past their pickup date</source>
        <translation>수령 기한이 지난 예약 보관 소장본</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xpire these holds</source>
        <translation>이 예약 만료 처리(&amp;X)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expire the holds of the set-aside copies past their pickup date</source>
        <translation>수령 기한이 지난 예약 보관 소장본의 예약을 만료 처리합니다</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 (%2, vol. %3) for %4, collect by %5</source>
        <translation>%1 (%2, 제%3권) %4 앞, 수령 기한 %5</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>and %1 more</source>
        <translation>외 %1건</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 set-aside copy is past its pickup date</source>
        <translation>예약 보관 소장본 1부가 수령 기한을 넘겼습니다</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 set-aside copies are past their pickup date</source>
        <translation>예약 보관 소장본 %1부가 수령 기한을 넘겼습니다</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>none yet (the first supervisor&apos;s seal key is made at their next sign-in)</source>
        <translation>아직 없음 (첫 감독자의 봉인 열쇠는 그 감독자가 다음에 로그인할 때 만들어집니다)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Every copy is on its shelf: nothing to chase before the inspection.</source>
        <translation>모든 소장본이 서가에 있습니다. 검열 전에 회수할 것이 없습니다.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The inspection is set for %1; lending freezes from %2.</source>
        <translation>검열일은 %1입니다. %2부터 대출이 동결됩니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Inspection schedule saved.</source>
        <translation>검열 일정을 저장했습니다.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Folder for the recall letters</source>
        <translation>회수 요청서를 둘 폴더</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Writing recall letters…</source>
        <translation>회수 요청서 작성 중…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No loan needs recalling: no letters written.</source>
        <translation>회수할 대출이 없어 요청서를 쓰지 않았습니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wrote 1 recall letter</source>
        <translation>회수 요청서 1통 작성</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wrote %1 recall letters</source>
        <translation>회수 요청서 %1통 작성</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (%2 loans to bring back) into %3.</source>
        <translation>%1 (회수할 대출 %2건), 저장 위치: %3.</translation>
    </message>
    <message>
        <location line="-256"/>
        <source>Works and copies withheld</source>
        <translation>보류된 작품과 소장본</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>%1 (copy %2)</source>
        <translation>%1 (소장본 %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (every copy)</source>
        <translation>%1 (모든 소장본)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Withheld by a restriction: %1.</source>
        <translation>제한 조치로 보류됨: %1.</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <location filename="../../../ui/reasons.py" line="+172"/>
        <source> and {more} more</source>
        <translation> 외 {more}건</translation>
    </message>
    <message>
        <location line="-124"/>
        <source>A {role} may never borrow this.</source>
        <extracomment>the window&apos;s text of every sentence of readingroom/messages.py, by its key</extracomment>
        <translation>{role}에게는 이 자료를 절대 대출할 수 없습니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A {role} may borrow this only with a supervisor&apos;s approval.</source>
        <translation>{role}에게는 감독자 승인이 있어야만 이 자료의 대출이 허용됩니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Staff-only works are never lent.</source>
        <translation>직원 전용 작품은 절대 대출하지 않습니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This work may be read in the reading room only.</source>
        <translation>이 작품은 열람실에서만 읽을 수 있습니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The borrower&apos;s membership is suspended.</source>
        <translation>이용자의 회원 자격이 정지되었습니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The membership expired on {expires}.</source>
        <translation>회원 자격이 {expires}에 만료되었습니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The borrower holds {overdue} overdue loan(s).</source>
        <translation>이용자에게 연체 대출이 {overdue}건 있습니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The borrower already has {held} item(s) on loan (limit {limit}).</source>
        <translation>이용자가 이미 {held}부를 대출 중입니다(한도 {limit}부).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This copy is {status}.</source>
        <translation>이 소장본은 {status} 상태입니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This copy is already lent (due {due}).</source>
        <translation>이 소장본은 이미 대출 중입니다(반납 기한 {due}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This copy is set aside for another borrower&apos;s hold.</source>
        <translation>이 소장본은 다른 이용자의 예약으로 보관 중입니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lending is frozen before the inspection on {inspection}.</source>
        <translation>{inspection} 검열을 앞두고 대출이 동결되었습니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The loan has been renewed {renewals} time(s) (limit {limit}).</source>
        <translation>이 대출은 이미 {renewals}회 연장되었습니다(한도 {limit}회).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The borrower gave this back today after {renewals} renewal(s) (limit {limit}): lending it again would renew it beyond the limit.</source>
        <translation>이 이용자는 오늘 {renewals}회 연장한 뒤 반납했습니다(한도 {limit}회). 다시 대출하면 한도를 넘는 연장이 됩니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{waiting} other borrower(s) waiting for this work.</source>
        <translation>다른 이용자 {waiting}명이 이 작품을 기다리고 있습니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The renewal would not extend the loan (due {due}).</source>
        <translation>연장해도 대출 기간이 늘어나지 않습니다(반납 기한 {due}).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The loan must come back before the inspection on {inspection}; a renewal would not extend it (due {due}).</source>
        <translation>이 대출은 {inspection} 검열 전에 반납되어야 합니다. 연장해도 기간이 늘어나지 않습니다(반납 기한 {due}).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The borrower already has this volume on loan (due {due}).</source>
        <translation>이용자가 이 권을 이미 빌려 갔습니다(반납 기한 {due}).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This change would leave current loans the rules forbid: {loans}. Take them back first.</source>
        <translation>이 변경을 하면 규정이 금지하는 대출이 남습니다: {loans}. 먼저 반납받으십시오.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This change would leave a current loan the rules forbid. Take it back first.</source>
        <translation>이 변경을 하면 규정이 금지하는 대출이 남습니다. 먼저 반납받으십시오.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The due date is brought forward to {due}, the day before the inspection on {inspection}.</source>
        <translation>반납 기한이 {inspection} 검열 전날인 {due}(으)로 앞당겨졌습니다.</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>A civilian is never lent anything.</source>
        <translation>일반인에게는 아무것도 대출하지 않습니다.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>This copy was lent a moment ago, at another desk.</source>
        <translation>이 소장본은 방금 다른 대출대에서 대출되었습니다.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>This copy is in the reading room, with {member_no} at seat {seat}; it comes back to the desk first.</source>
        <translation>이 소장본은 열람실 {seat}번 좌석에서 {member_no} 이용자가 보고 있습니다. 먼저 대출대로 돌아와야 합니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This copy went to the reading room a moment ago, at another desk.</source>
        <translation>이 소장본은 방금 다른 대출대에서 열람실로 나갔습니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} copies are still in the reading room: {copies}.</source>
        <translation>아직 열람실에 소장본 {count}부가 있습니다: {copies}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Restriction {restriction} withholds this (on the authority of {authority}).</source>
        <translation>제한 {restriction}에 따라 보류되어 있습니다(지시: {authority}).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restriction {restriction} withholds this until {until} (on the authority of {authority}).</source>
        <translation>제한 {restriction}에 따라 {until}까지 보류되어 있습니다(지시: {authority}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This copy is {condition}: in that condition it may be read in the reading room only.</source>
        <translation>이 소장본은 {condition} 상태입니다. 이 보존 등급으로는 열람실 전용입니다.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This copy is {condition}: in that condition it may not be used at all.</source>
        <translation>이 소장본은 {condition} 상태입니다. 이 보존 등급으로는 이용할 수 없습니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This copy is at conservation.</source>
        <translation>이 소장본은 보존 처리 중입니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This work goes out as a set: volume(s) {missing} must be lent with it.</source>
        <translation>이 작품은 전집으로만 나갑니다. 제{missing}권도 함께 대출해야 합니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This set came back without {missing} (still with {member}): it cannot go out again until it is whole.</source>
        <translation>이 전집은 {missing} 없이 돌아왔습니다({member} 대출 중). 다 돌아올 때까지 다시 나갈 수 없습니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>With this override the loan runs past the inspection on {inspection} (due {due}): the copy will be out on the inspection day.</source>
        <translation>이 예외 승인으로 대출이 {inspection} 검열일을 넘깁니다(반납 기한 {due}): 검열일에 소장본이 대출 중입니다.</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <location filename="../../../ui/recovery.py" line="+51"/>
        <source>{name} is encrypted. Its passphrase:</source>
        <translation>암호화된 장서 목록입니다: {name}. 암호 문구:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Encrypted catalogue</source>
        <translation>암호화된 장서 목록</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>That passphrase does not open the catalogue.</source>
        <translation>그 암호 문구로는 장서 목록을 열 수 없습니다.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The catalogue is damaged</source>
        <translation>장서 목록이 손상되었습니다</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;The catalogue did not pass its start-up check.&lt;/b&gt;</source>
        <translation>&lt;b&gt;장서 목록이 시작 점검을 통과하지 못했습니다.&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Supervisor&apos;s user name</source>
        <translation>감독자 사용자 이름</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Supervisor&apos;s password</source>
        <translation>감독자 비밀번호</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Restore this backup</source>
        <translation>이 백업 복원(&amp;R)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No good backup was found next to it. Nothing was changed; run &apos;readingroom doctor&apos; for the full check, or open another catalogue.</source>
        <translation>옆에 온전한 백업이 없습니다. 아무것도 바뀌지 않았습니다. 전체 점검은 &apos;readingroom doctor&apos;를 실행하거나 다른 장서 목록을 여십시오.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The newest good backup is {name}. Restoring it keeps the damaged file aside and records the restore in the audit trail. A supervisor signs in to restore.</source>
        <translation>가장 최근의 온전한 백업은 {name}입니다. 복원하면 손상된 파일은 따로 보관되고 복원 사실이 감사 기록에 남습니다. 복원하려면 감독자가 로그인하십시오.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Supervisor&apos;s &amp;user name:</source>
        <translation>감독자 사용자 이름(&amp;U):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>비밀번호(&amp;P):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Restoring…</source>
        <translation>복원 중…</translation>
    </message>
</context>
<context>
    <name>ReleaseDialog</name>
    <message>
        <location filename="../../../ui/pages/restrictions.py" line="+14"/>
        <source>%1 back from conservation</source>
        <translation>%1 보존 처리 완료</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Condition:</source>
        <translation>보존 등급(&amp;C):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;What was done:</source>
        <translation>한 일(&amp;W):</translation>
    </message>
</context>
<context>
    <name>RemindersPage</name>
    <message>
        <location filename="../../../ui/pages/reminders.py" line="+79"/>
        <source>Reminders</source>
        <extracomment>the overdue loans, their borrowers and the reminders sent</extracomment>
        <translation>독촉장</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Reminders due</source>
        <translation>보낼 독촉장</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Day the reminders are for</source>
        <translation>독촉 기준일</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reminders due &amp;on:</source>
        <translation>독촉 기준일(&amp;O):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reminder levels</source>
        <translation>독촉 단계</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;end…</source>
        <translation>발송(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the reminders due</source>
        <translation>보낼 독촉장 발송</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record the reminders due and write their letters into a folder (Ctrl+Shift+S)</source>
        <translation>보낼 독촉장을 기록하고 서신을 폴더에 작성 (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Overdue loans</source>
        <translation>연체 대출</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reminders sent for the selected loan</source>
        <translation>선택한 대출에 보낸 독촉장</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Levels follow the days overdue: a reminder after %1, a second notice after %2, a final demand (copied to the supervisor) after %3. One letter a day at most.</source>
        <translation>단계는 연체 일수를 따릅니다. %1일 뒤 1차 독촉, %2일 뒤 2차 독촉, %3일 뒤 최종 독촉(감독자에게 사본). 하루에 최대 한 통입니다.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Overdue loans today (%1)</source>
        <translation>오늘 연체 대출 (%1)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Due on %1 (%2)</source>
        <translation>%1 기준 독촉 대상 (%2)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1, lent to %2</source>
        <translation>%1(대출자 %2)</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%n reminder(s) sent for %1</source>
        <translation>
            <numerusform>%1에 보낸 독촉장 %n건</numerusform>
        </translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Recorded %1 and wrote %2 into %3.</source>
        <translation>%1을 기록하고 %2를 %3에 작성했습니다.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n reminder(s)</source>
        <translation>
            <numerusform>독촉장 %n건</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n letter file(s)</source>
        <translation>
            <numerusform>서신 파일 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n final demand(s): the supervisor&apos;s copies are in the same folder.</source>
        <translation>
            <numerusform>최종 독촉 %n건: 감독자용 사본이 같은 폴더에 있습니다.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Select a loan to see the reminders sent for it</source>
        <translation>대출을 선택하면 보낸 독촉장이 보입니다</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Folder for the reminder letters</source>
        <translation>독촉장을 둘 폴더</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Recording reminders and writing letters…</source>
        <translation>독촉장을 기록하고 서신 작성 중…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No reminders are due on %1: no letters written.</source>
        <translation>%1 기준 보낼 독촉장이 없어 서신을 쓰지 않았습니다.</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../../ui/pages/reports.py" line="+117"/>
        <source>Reports</source>
        <extracomment>the kinds whose report covers a period (the others are as of today) a period, when asked for, proposes the year up to today the stocktakes a report may be about</extracomment>
        <translation>보고서</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Choose a report and press Preview to see its pages as they will print.</source>
        <translation>보고서를 고르고 미리 보기를 누르면 인쇄될 모습 그대로 페이지가 보입니다.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Branch</source>
        <translation>지부</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Branch name</source>
        <translation>지부 이름</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Printed at the top of every report, letter and sign-off sheet.</source>
        <translation>모든 보고서, 편지와 확인서의 윗부분에 인쇄됩니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save na&amp;me</source>
        <translation>이름 저장(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the branch name</source>
        <translation>지부 이름 저장</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Prin&amp;t in:</source>
        <translation>인쇄 언어(&amp;T):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only a supervisor changes the branch name.</source>
        <translation>지부 이름은 감독자만 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Report</source>
        <translation>보고서</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Report kind</source>
        <translation>보고서 종류</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>What the report holds</source>
        <translation>보고서 내용</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pre&amp;view</source>
        <translation>미리 보기(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;CSV…</source>
        <translation>CSV 내보내기(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;PDF…</source>
        <translation>PDF 내보내기(&amp;P)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview the report</source>
        <translation>보고서 미리 보기</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the report as CSV</source>
        <translation>보고서를 CSV로 내보내기</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the report as PDF</source>
        <translation>보고서를 PDF로 내보내기</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Only this period:</source>
        <translation>이 기간만:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limit the report to a period</source>
        <translation>보고서를 기간으로 제한</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Period starts</source>
        <translation>기간 시작</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period ends</source>
        <translation>기간 끝</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Stocktake reported</source>
        <translation>보고할 장서 점검</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bundle for the inspector</source>
        <translation>검열관에게 보낼 묶음</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The chosen reports as CSV and PDF, the whole audit trail and a standalone verifier, with a SHA-256 manifest signed by your seal key and a sign-off sheet: any change to a file, and who made the bundle, can be checked without Reading Room.</source>
        <translation>고른 보고서를 CSV와 PDF로, 감사 기록 전체와 독립 검증 프로그램과 함께 묶고, 당신의 봉인 열쇠로 서명한 SHA-256 매니페스트와 확인서를 붙입니다. 파일이 바뀌었는지, 누가 묶었는지를 Reading Room 없이도 확인할 수 있습니다.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Include %1 in the bundle</source>
        <translation>묶음에 %1 포함</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>For the &amp;union catalogue</source>
        <translation>통합 목록용(&amp;U)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only what the union catalogue reads, as CSV: borrowers named by this branch&apos;s pseudonyms, no names, and of the audit trail only its hashes, seal keys and seals. No member number leaves the branch.</source>
        <translation>통합 목록이 읽는 것만 CSV로 씁니다. 이용자는 이 지부의 가명으로만, 이름은 없이, 감사 기록은 해시와 봉인 열쇠, 봉인만 담습니다. 회원 번호는 지부 밖으로 나가지 않습니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export &amp;bundle…</source>
        <translation>묶음 내보내기(&amp;B)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the bundle for the inspector</source>
        <translation>검열관에게 보낼 묶음 내보내기</translation>
    </message>
    <message numerus="yes">
        <location line="+138"/>
        <source>%1 · %n row(s)</source>
        <translation>
            <numerusform>%1 · %n행</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>Wrote the %1 report (%n row(s)) to %2.</source>
        <translation>
            <numerusform>%1 보고서(%n행)를 %2에 작성했습니다.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-208"/>
        <source>Stoc&amp;ktake:</source>
        <translation>장서 점검(&amp;K):</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Check &amp;a bundle…</source>
        <translation>묶음 확인(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check a bundle against its manifest</source>
        <translation>묶음을 매니페스트와 대조</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Manifest check</source>
        <translation>매니페스트 확인</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Files of the bundle</source>
        <translation>묶음의 파일</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>signed %1</source>
        <translation>%1 서명</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>open, not signed</source>
        <translation>진행 중, 서명 전</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No. %1 · %2</source>
        <translation>%1번 · %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No stocktake yet</source>
        <translation>아직 장서 점검 없음</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Branch name saved: %1.</source>
        <translation>지부 이름을 저장했습니다: %1.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Preparing the %1 report…</source>
        <translation>%1 보고서 준비 중…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The report was written but cannot be shown.</source>
        <translation>보고서는 작성되었지만 표시할 수 없습니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export the %1 report</source>
        <translation>%1 보고서 내보내기</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Writing %1…</source>
        <translation>%1 작성 중…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>A new, empty folder for the bundle</source>
        <translation>묶음을 둘 새 빈 폴더</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Writing the bundle and its manifest…</source>
        <translation>묶음과 매니페스트 작성 중…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Bundle written to %1: %2 files and %3.</source>
        <translation>묶음을 %1에 작성했습니다: 파일 %2개와 %3.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Left out: %1 — %2</source>
        <translation>제외됨: %1 — %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Bundle exported.</source>
        <translation>묶음을 내보냈습니다.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The bundle folder to check</source>
        <translation>확인할 묶음 폴더</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checking the bundle…</source>
        <translation>묶음 확인 중…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The audit trail still extends the head recorded with %1.</source>
        <translation>감사 기록이 %1에 기록된 마지막 항목을 그대로 이어 가고 있습니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The audit trail does NOT extend the head recorded with %1: %2.</source>
        <translation>감사 기록이 %1에 기록된 마지막 항목을 이어 가지 않습니다: %2.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Manifest check: all %1 files match.</source>
        <translation>매니페스트 확인: 파일 %1개 모두 일치.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Manifest check FAILED: %1.</source>
        <translation>매니페스트 확인 실패: %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not in the manifest: %1.</source>
        <translation>매니페스트에 없음: %1.</translation>
    </message>
</context>
<context>
    <name>RestrictDialog</name>
    <message>
        <location filename="../../../ui/pages/restrictions.py" line="-66"/>
        <source>Add a restriction</source>
        <translation>제한 추가</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Work id or barcode:</source>
        <translation>작품 번호 또는 바코드(&amp;W):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reason:</source>
        <translation>사유(&amp;R):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Authority:</source>
        <translation>지시 기관(&amp;A):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;From (YYYY-MM-DD):</source>
        <translation>시작일(&amp;F, YYYY-MM-DD):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>today</source>
        <translation>오늘</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Until (YYYY-MM-DD):</source>
        <translation>종료일(&amp;U, YYYY-MM-DD):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>until lifted</source>
        <translation>해제할 때까지</translation>
    </message>
</context>
<context>
    <name>RestrictionsPage</name>
    <message>
        <location line="-79"/>
        <source>In force</source>
        <extracomment>a restriction or a conservation step changes what may be lent and writes the trail</extracomment>
        <translation>시행 중</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To come</source>
        <translation>예정</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ended</source>
        <translation>종료</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lifted</source>
        <translation>해제됨</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>copy %1</source>
        <translation>소장본 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>every copy</source>
        <translation>모든 소장본</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No.</source>
        <translation>번호</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+16"/>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Withholds</source>
        <translation>대상</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authority</source>
        <translation>지시 기관</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>시작</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Until</source>
        <translation>종료</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Barcode</source>
        <translation>바코드</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vol.</source>
        <translation>권</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent</source>
        <translation>보낸 날</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Condition</source>
        <translation>보존 등급</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <location line="+107"/>
        <location line="+10"/>
        <source>Restrictions</source>
        <translation>제한</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copies at conservation</source>
        <translation>보존 처리 중인 소장본</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Add restriction…</source>
        <translation>제한 추가(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a restriction</source>
        <translation>제한 추가</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lift…</source>
        <translation>해제(&amp;L)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lift the selected restriction</source>
        <translation>선택한 제한 해제</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Release…</source>
        <translation>보존 처리 완료(&amp;R)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release the selected copy from conservation</source>
        <translation>선택한 소장본의 보존 처리 완료</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Works and copies withheld</source>
        <translation>보류된 작품과 소장본</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>At conservation</source>
        <translation>보존 처리 중</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Only a supervisor places or lifts a restriction.</source>
        <translation>제한은 감독자만 추가하거나 해제할 수 있습니다.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Restriction placed.</source>
        <translation>제한을 추가했습니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restriction lifted.</source>
        <translation>제한을 해제했습니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Copy released from conservation.</source>
        <translation>소장본의 보존 처리를 마쳤습니다.</translation>
    </message>
</context>
<context>
    <name>RoomPage</name>
    <message>
        <location filename="../../../ui/pages/room.py" line="+50"/>
        <source>Seat</source>
        <extracomment>seats shown on a row of the room&apos;s plan the column of both tables that takes the spare width (see :func:`_seat_columns`)</extracomment>
        <translation>좌석</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reader</source>
        <translation>이용자</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Barcode</source>
        <translation>바코드</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, vol. %2</source>
        <translation>%1, 제%2권</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Since</source>
        <translation>시작</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For</source>
        <translation>경과</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 min</source>
        <translation>%1분</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>not returned at closing</source>
        <translation>마감 때 미반납</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>returned</source>
        <translation>반납됨</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>From–to</source>
        <translation>이용 시간</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Back</source>
        <translation>반납 상태</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+8"/>
        <source>Reading room</source>
        <translation>열람실</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Close the room</source>
        <translation>열람실 마감(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the room</source>
        <translation>열람실 마감</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close &amp;anyway…</source>
        <translation>그래도 마감(&amp;A)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the room with copies out (a supervisor, with a second person)</source>
        <translation>소장본이 나가 있는 채로 열람실 마감(감독자, 두 번째 직원 확인)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reading room summary</source>
        <translation>열람실 요약</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Why the room cannot close</source>
        <translation>열람실을 마감할 수 없는 이유</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The tables</source>
        <translation>열람 좌석</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copies at the tables</source>
        <translation>좌석에 나간 소장본</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Earlier today</source>
        <translation>오늘의 이용 기록</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Copies read at the tables earlier today</source>
        <translation>오늘 좌석에서 읽고 돌아온 소장본</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Earlier today · back from the tables: %1</source>
        <translation>오늘의 이용 기록 · 좌석에서 돌아온 소장본: %1부</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Earlier today: no copy has come back from the tables yet</source>
        <translation>오늘의 이용 기록: 아직 좌석에서 돌아온 소장본이 없습니다</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Copies at the tables: %1 · readers: %2 · seats: %3</source>
        <translation>좌석에 나간 소장본: %1부 · 이용자: %2명 · 좌석: %3석</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 (seat %2)</source>
        <translation>%1(%2번 좌석)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The room cannot close while copies are out: %1.</source>
        <translation>소장본이 나가 있는 동안에는 열람실을 마감할 수 없습니다: %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Read only.</source>
        <translation>읽기 전용.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Seat %1
%2
copies: %3, since %4</source>
        <translation>%1번 좌석
%2
소장본 %3부, %4부터</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Seat %1
free</source>
        <translation>%1번 좌석
빈자리</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Closing the reading room marks %1 copies still out as missing.</source>
        <translation>열람실을 마감하면 아직 나가 있는 소장본 %1부가 소재 불명으로 표시됩니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The room stays open: nobody confirmed it.</source>
        <translation>열람실을 마감하지 않았습니다: 확인한 사람이 없습니다.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The reading room is closed (%1).</source>
        <translation>열람실을 마감했습니다(%1).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Close the room anyway</source>
        <translation>열람실 그래도 마감</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 copies are still out. Why does the room close now? (recorded)</source>
        <translation>소장본 %1부가 아직 나가 있습니다. 지금 열람실을 마감하는 이유는 무엇입니까? (기록됨)</translation>
    </message>
</context>
<context>
    <name>ScannerSettingBox</name>
    <message>
        <location filename="../../../ui/widgets/scanner_setting.py" line="+31"/>
        <source>Barcode scanner</source>
        <translation>바코드 스캐너</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scanner prefix</source>
        <translation>스캐너 접두 문자</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scanner suffix</source>
        <translation>스캐너 접미 문자</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Characters the scanner is set to send around each code; they are taken off every scan at the desk and in a stocktake.</source>
        <translation>스캐너가 코드 앞뒤에 보내도록 설정된 문자입니다. 대출대와 장서 점검에서 스캔할 때마다 떼어 냅니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save scann&amp;er</source>
        <translation>스캐너 설정 저장(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the scanner&apos;s prefix and suffix</source>
        <translation>스캐너의 접두·접미 문자 저장</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Prefix:</source>
        <translation>접두 문자(&amp;P):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Su&amp;ffix:</source>
        <translation>접미 문자(&amp;F):</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Only a supervisor changes this.</source>
        <translation>감독자만 바꿀 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>ScheduleBox</name>
    <message>
        <location filename="../../../ui/pages/readiness.py" line="-198"/>
        <source>Schedule</source>
        <translation>일정</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Inspection date</source>
        <translation>검열일</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> days</source>
        <translation>일</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Freeze window in days</source>
        <translation>동결 기간(일)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lending is frozen from this many days before the inspection up to the inspection day.</source>
        <translation>검열 이만큼 전부터 검열일까지 대출이 동결됩니다.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>S&amp;ave schedule</source>
        <translation>일정 저장(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the inspection schedule</source>
        <translation>검열 일정 저장</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Inspection &amp;date:</source>
        <translation>검열일(&amp;D):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Freeze window:</source>
        <translation>동결 기간(&amp;F):</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Only a supervisor changes the inspection date.</source>
        <translation>검열일은 감독자만 바꿀 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>Scheduled</name>
    <message>
        <location filename="../../../ui/scheduled.py" line="+29"/>
        <source>Restriction %1 lifted by schedule (its end day has come).</source>
        <translation>제한 %1: 종료일이 되어 해제되었습니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restrictions %1 lifted by schedule (their end day has come).</source>
        <translation>제한 %1: 종료일이 되어 해제되었습니다.</translation>
    </message>
</context>
<context>
    <name>SecondPersonDialog</name>
    <message>
        <location filename="../../../ui/dialogs/second_person.py" line="+39"/>
        <source>A second person confirms</source>
        <translation>두 번째 직원의 확인</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{what} A second staff member, not you, signs in here to confirm it; both names are recorded.</source>
        <translation>{what} 본인이 아닌 다른 직원이 여기에 로그인하여 확인합니다. 두 사람의 이름이 모두 기록됩니다.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Second person&apos;s user name</source>
        <translation>확인하는 직원의 사용자 이름</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Second person&apos;s password</source>
        <translation>확인하는 직원의 비밀번호</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Second person&apos;s &amp;user name:</source>
        <translation>확인하는 직원의 사용자 이름(&amp;U):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>비밀번호(&amp;P):</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Confirm</source>
        <translation>확인(&amp;C)</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../../ui/signin.py" line="-85"/>
        <source>Sign in: Reading Room</source>
        <translation>로그인: Reading Room</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;b&gt;Reading Room&lt;/b&gt;</source>
        <translation>&lt;b&gt;Reading Room&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Demo collection ({name})</source>
        <translation>데모 장서 ({name})</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Catalogue: {name}</source>
        <translation>장서 목록: {name}</translation>
    </message>
</context>
<context>
    <name>SignInForm</name>
    <message>
        <location line="-121"/>
        <source>User name</source>
        <translation>사용자 이름</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signing in…</source>
        <translation>로그인하는 중…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing in</source>
        <translation>로그인하는 중</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Sign in</source>
        <translation>로그인(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in</source>
        <translation>로그인</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;User name:</source>
        <translation>사용자 이름(&amp;U):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>비밀번호(&amp;P):</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Demo accounts (click one to fill in the form):</source>
        <translation>데모 계정 (누르면 양식이 채워짐):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Demo accounts</source>
        <translation>데모 계정</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name}: user {user}, password {password}</source>
        <translation>{name}: 사용자 이름 {user}, 비밀번호 {password}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Type your user name.</source>
        <translation>사용자 이름을 입력하십시오.</translation>
    </message>
</context>
<context>
    <name>SlipDialog</name>
    <message>
        <location filename="../../../ui/dialogs/slip_dialog.py" line="+37"/>
        <source>Slip</source>
        <translation>영수증</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The slip could not be read.</source>
        <translation>영수증을 읽을 수 없습니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save as PDF…</source>
        <translation>PDF로 저장(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the slip as a PDF file</source>
        <translation>영수증을 PDF 파일로 저장</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Slip for %1</source>
        <translation>%1의 영수증</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Save the slip</source>
        <translation>영수증 저장</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 파일 (*.pdf)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The slip was not saved: %1</source>
        <translation>영수증을 저장하지 못했습니다: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Slip saved to %1.</source>
        <translation>영수증을 %1에 저장했습니다.</translation>
    </message>
</context>
<context>
    <name>SlipPrinting</name>
    <message>
        <location filename="../../../ui/slip_printing.py" line="+102"/>
        <source>Slip</source>
        <extracomment>what became of a slip (for tests and the desk&apos;s status line) the question each window has open (a new step&apos;s question replaces the last one&apos;s)</extracomment>
        <translation>영수증</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Print a slip for {member}?</source>
        <translation>{member}의 영수증을 인쇄할까요?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Print…</source>
        <translation>인쇄(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;No slip</source>
        <translation>인쇄 안 함(&amp;N)</translation>
    </message>
</context>
<context>
    <name>SlipSettingBox</name>
    <message>
        <location filename="../../../ui/widgets/slip_setting.py" line="+20"/>
        <location line="+9"/>
        <source>Desk slips</source>
        <translation>대출대 영수증</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Print always</source>
        <translation>항상 인쇄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask after each lend or return</source>
        <translation>대출·반납 때마다 묻기</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Never print</source>
        <translation>인쇄하지 않음</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A slip lists the member, each copy with its due date or return, and the audit entry of each, for the borrower to keep.</source>
        <translation>영수증에는 이용자, 소장본마다 반납 기한이나 반납 내용, 각각의 감사 기록 번호가 적혀 있으며 이용자가 보관합니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Only a supervisor changes this.</source>
        <translation>감독자만 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sl&amp;ips:</source>
        <translation>영수증(&amp;I):</translation>
    </message>
</context>
<context>
    <name>StocktakePage</name>
    <message>
        <location filename="../../../ui/pages/stocktake.py" line="+12"/>
        <location line="+31"/>
        <source>Stocktake</source>
        <extracomment>the stocktake, and the copies it expects (their shelves and statuses)</extracomment>
        <translation>장서 점검</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Open a stocktake</source>
        <translation>장서 점검 시작(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a stocktake</source>
        <translation>장서 점검 시작</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Freeze the list of copies expected and start scanning</source>
        <translation>있어야 할 소장본 목록을 고정하고 스캔 시작</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>where the copies are (optional)</source>
        <translation>소장본이 있는 곳 (선택)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location found</source>
        <translation>발견 위치</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan or type a barcode, then Enter (Alt+B)</source>
        <translation>바코드를 스캔하거나 입력한 뒤 Enter (Alt+B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Barcode scan</source>
        <translation>바코드 스캔</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Location:</source>
        <translation>위치(&amp;L):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Barcode:</source>
        <translation>바코드(&amp;B):</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Scans and outcomes</source>
        <translation>스캔과 결과</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scans, newest first</source>
        <translation>스캔(최신순)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Every outcome</source>
        <translation>모든 결과</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outcome filter</source>
        <translation>결과 필터</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Tick as found</source>
        <translation>확인으로 표시(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tick the selected copy as found</source>
        <translation>선택한 소장본을 확인으로 표시</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Record the selected copy as found at the location above, as if it had been scanned</source>
        <translation>선택한 소장본을 스캔한 것처럼 위 위치에서 확인한 것으로 기록</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Outcome of every copy</source>
        <translation>소장본별 결과</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scans</source>
        <translation>스캔</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcomes</source>
        <translation>결과</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>name of who signs, e.g. the inspector</source>
        <translation>서명하는 사람 이름 (예: 검열관)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed by</source>
        <translation>서명자</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed b&amp;y:</source>
        <translation>서명자(&amp;Y):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the inspector&apos;s name, printed on the report</source>
        <translation>보고서에 인쇄될 검열관 이름</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Inspector&apos;s name</source>
        <translation>검열관 이름</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I&amp;nspector:</source>
        <translation>검열관(&amp;N):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Close and sign…</source>
        <translation>마감하고 서명(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+287"/>
        <source>Close and sign the stocktake</source>
        <translation>장서 점검 마감 및 서명</translation>
    </message>
    <message>
        <location line="-284"/>
        <source>Reconcile every copy, mark those not found missing, and sign the stocktake off (supervisor)</source>
        <translation>모든 소장본을 대조하고 찾지 못한 것을 소재 불명으로 표시한 뒤 장서 점검에 서명 (감독자)</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>No stocktake yet</source>
        <translation>아직 장서 점검 없음</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Opening a stocktake freezes the list of copies expected; then scan every copy in the safe.</source>
        <translation>장서 점검을 시작하면 있어야 할 소장본 목록이 고정됩니다. 그다음 금고 안의 소장본을 모두 스캔하십시오.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stocktake %1 is signed and read-only</source>
        <translation>장서 점검 %1: 서명되어 읽기 전용입니다</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Signed on %1 by %2 and the supervisor %3. Open a new stocktake for the next count.</source>
        <translation>%1 서명: %2, 감독자 %3. 다음 점검은 새 장서 점검을 시작하십시오.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Stocktake %1 is open</source>
        <translation>장서 점검 %1 진행 중</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Opened %1 by %2 with %3 copies expected. Every scan is saved as it is made: you can stop and carry on later.</source>
        <translation>%1 시작(%2), 있어야 할 소장본 %3부. 스캔할 때마다 저장되므로 멈췄다가 나중에 이어서 할 수 있습니다.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Scans (%1)</source>
        <translation>스캔 (%1)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Provisional: what closing now would record.</source>
        <translation>잠정: 지금 마감하면 기록될 내용.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>As recorded when stocktake %1 was signed.</source>
        <translation>장서 점검 %1 서명 때 기록된 그대로.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Only a supervisor closes and signs.</source>
        <translation>마감과 서명은 감독자만 할 수 있습니다.</translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>Stocktake %1 opened: %n copy(ies) expected. Scan them.</source>
        <translation>
            <numerusform>장서 점검 %1 시작: 있어야 할 소장본 %n부. 스캔하십시오.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The audit trail no longer extends the head signed at the last stocktake: %1.</source>
        <translation>감사 기록이 지난 장서 점검에서 서명한 마지막 항목을 더는 이어 가지 않습니다: %1.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>, vol. %1</source>
        <translation>, 제%1권</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(%1 of %2 found)</source>
        <translation>(%2부 중 %1부 확인)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>wrong location: belongs at %1</source>
        <translation>위치 틀림: 제자리는 %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Close stocktake %1, signed by %2? Copies not found and not on loan will be marked missing, and the stocktake becomes read-only.</source>
        <translation>%2의 서명으로 이 장서 점검(%1)을 마감할까요? 찾지 못했고 대출 중도 아닌 소장본은 소재 불명으로 표시되며, 장서 점검은 읽기 전용이 됩니다.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reconciling and signing the stocktake…</source>
        <translation>장서 점검 대조 및 서명 중…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Stocktake %1 is signed: %2.</source>
        <translation>장서 점검 %1 서명 완료: %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Now marked missing: %1.</source>
        <translation>이번에 소재 불명으로 표시됨: %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The audit trail did not verify: %1.</source>
        <translation>감사 기록 검증 실패: %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stocktake %1 signed.</source>
        <translation>장서 점검 %1 서명 완료.</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <location filename="../../../ui/welcome.py" line="+54"/>
        <source>Open a catalogue</source>
        <translation>장서 목록 열기</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading Room catalogues (*.db);;All files (*)</source>
        <translation>Reading Room 장서 목록 (*.db);;모든 파일 (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Where to keep the new catalogue</source>
        <translation>새 장서 목록을 둘 곳</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading Room catalogues (*.db)</source>
        <translation>Reading Room 장서 목록 (*.db)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A catalogue CSV to import</source>
        <translation>가져올 장서 목록 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 파일 (*.csv);;모든 파일 (*)</translation>
    </message>
    <message>
        <location line="+59"/>
        <location line="+18"/>
        <source>Welcome to Reading Room</source>
        <translation>Reading Room에 오신 것을 환영합니다</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>A catalogue and lending desk for a restricted collection. There is no catalogue here yet: how would you like to begin?</source>
        <translation>제한 장서를 위한 장서 목록과 대출대입니다. 아직 장서 목록이 없습니다. 어떻게 시작할까요?</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Open the demo collection</source>
        <translation>데모 장서 열기</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start a new catalogue</source>
        <translation>새 장서 목록 시작</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An empty catalogue and its first supervisor account; import a catalogue CSV now if you have one.</source>
        <translation>빈 장서 목록과 첫 감독자 계정을 만듭니다. 장서 목록 CSV가 있으면 지금 가져오십시오.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open an existing catalogue…</source>
        <translation>기존 장서 목록 열기…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A catalogue file made earlier.</source>
        <translation>전에 만든 장서 목록 파일.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A catalogue and lending desk for a restricted collection. The database {name} on the server holds no catalogue yet: start one there.</source>
        <translation>제한 장서를 위한 장서 목록과 대출대입니다. 서버의 데이터베이스 {name}에는 아직 장서 목록이 없습니다. 여기에서 시작하십시오.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&lt;b&gt;A new catalogue&lt;/b&gt;</source>
        <translation>&lt;b&gt;새 장서 목록&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Catalogue file</source>
        <translation>장서 목록 파일</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Supervisor&apos;s user name</source>
        <translation>감독자 사용자 이름</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Supervisor&apos;s full name</source>
        <translation>감독자 성명</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Password again</source>
        <translation>비밀번호 확인</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Encrypt the catalogue with a passphrase</source>
        <translation>암호 문구로 장서 목록 암호화(&amp;E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Without the passphrase the file is noise. Keep the passphrase safe: nobody can recover it.</source>
        <translation>암호 문구가 없으면 파일은 알아볼 수 없는 잡음일 뿐입니다. 암호 문구를 잘 보관하십시오. 누구도 되찾을 수 없습니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Passphrase</source>
        <translation>암호 문구</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Passphrase again</source>
        <translation>암호 문구 확인</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Catalogue CSV to import</source>
        <translation>가져올 장서 목록 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>optional</source>
        <translation>선택</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server database:</source>
        <translation>서버 데이터베이스:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Catalogue &amp;file:</source>
        <translation>장서 목록 파일(&amp;F):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your &amp;user name:</source>
        <translation>사용자 이름(&amp;U):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your full &amp;name:</source>
        <translation>성명(&amp;N):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>비밀번호(&amp;P):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password &amp;again:</source>
        <translation>비밀번호 확인(&amp;A):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Passp&amp;hrase:</source>
        <translation>암호 문구(&amp;H):</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import a CS&amp;V:</source>
        <translation>CSV 가져오기(&amp;V):</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Passphrase a&amp;gain:</source>
        <translation>암호 문구 확인(&amp;G):</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>You will be the catalogue&apos;s first supervisor: you add the other staff accounts. The CSV needs the columns barcode, title and author (and may have translator, volume, access, location and more); a file with a bad line is refused whole, naming every bad line.</source>
        <translation>이 장서 목록의 첫 감독자가 되며, 다른 직원 계정은 직접 추가합니다. CSV에는 barcode, title, author 열이 있어야 하며 translator, volume, access, location 등의 열도 둘 수 있습니다. 잘못된 줄이 있는 파일은 통째로 거절되며 잘못된 줄이 모두 표시됩니다.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Back</source>
        <translation>뒤로(&amp;B)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Create</source>
        <translation>만들기(&amp;C)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse for {what}</source>
        <translation>{what} 찾아보기</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+126"/>
        <source>Working…</source>
        <translation>처리 중…</translation>
    </message>
    <message>
        <location line="-121"/>
        <source>Progress</source>
        <translation>진행 상황</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&lt;b&gt;The catalogue was created, but the CSV was not imported&lt;/b&gt;</source>
        <translation>&lt;b&gt;장서 목록은 만들었지만 CSV는 가져오지 않았습니다&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing from the file was added. Fix the lines below and import it again, or go on without it (you can import later with &apos;readingroom import catalogue FILE&apos;).</source>
        <translation>파일에서 아무것도 추가되지 않았습니다. 아래 줄을 고쳐 다시 가져오거나, 가져오지 않고 계속하십시오(나중에 &apos;readingroom import catalogue FILE&apos;로 가져올 수 있습니다).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Problems in the CSV</source>
        <translation>CSV의 문제</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import &amp;another file…</source>
        <translation>다른 파일 가져오기(&amp;A)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Continue without importing</source>
        <translation>가져오지 않고 계속(&amp;C)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The two passwords differ.</source>
        <translation>두 비밀번호가 서로 다릅니다.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Type a passphrase, or do not encrypt.</source>
        <translation>암호 문구를 입력하거나 암호화하지 마십시오.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two passphrases differ.</source>
        <translation>두 암호 문구가 서로 다릅니다.</translation>
    </message>
    <message>
        <location filename="../../../ui/i18n.py" line="-165"/>
        <source>Creating the catalogue</source>
        <extracomment>the setting&apos;s value for &quot;whatever the system uses&quot; each language named in itself, so anyone can find their own in the menu the menu&apos;s order: the product&apos;s own Korean (the North&apos;s standard) first, then the South&apos;s texts that reach a translate helper only at run time (a table, the domain&apos;s progress messages), listed here so the build script extracts them under the helper&apos;s context</extracomment>
        <translation>장서 목록 만드는 중</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adding the first supervisor</source>
        <translation>첫 감독자 추가 중</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opening the demo collection</source>
        <translation>데모 장서 여는 중</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading the demo collection</source>
        <translation>데모 장서 불러오는 중</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <location filename="../../../ui/welcome.py" line="-222"/>
        <source>%1 (%2), %3 and demo staff accounts. It is kept in a file of its own, apart from any real records.</source>
        <translation>%1(%2), %3, 데모 직원 계정이 들어 있습니다. 실제 기록과 떨어진 별도의 파일에 보관됩니다.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n work(s)</source>
        <translation>
            <numerusform>작품 %n편</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n copy(ies)</source>
        <translation>
            <numerusform>소장본 %n부</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n borrower(s)</source>
        <translation>
            <numerusform>이용자 %n명</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkDetailPane</name>
    <message>
        <location filename="../../../ui/pages/catalogue.py" line="+44"/>
        <location line="+92"/>
        <source>No work selected</source>
        <extracomment>a work (or none) has been filled in</extracomment>
        <translation>선택한 작품 없음</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>Work title</source>
        <translation>작품 제목</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Copies</source>
        <translation>소장본</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add cop&amp;y…</source>
        <translation>소장본 추가(&amp;Y)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit co&amp;py…</source>
        <translation>소장본 수정(&amp;P)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Mark copy as</source>
        <translation>소장본 상태 표시(&amp;M)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add a copy</source>
        <translation>소장본 추가</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the selected copy</source>
        <translation>선택한 소장본 수정</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark the selected copy as</source>
        <translation>선택한 소장본의 상태 표시</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Copies of the work</source>
        <translation>작품의 소장본</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>History of the selected copy</source>
        <translation>선택한 소장본의 이력</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loan history of the selected copy</source>
        <translation>선택한 소장본의 대출 이력</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Condition history of the selected copy</source>
        <translation>선택한 소장본의 보존 등급 이력</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loan history</source>
        <translation>대출 이력</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Condition history</source>
        <translation>보존 등급 이력</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Call numbers of the selected copy</source>
        <translation>선택한 소장본의 청구기호</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Call numbers</source>
        <translation>청구기호</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Select a work to see its copies and their history.</source>
        <translation>작품을 선택하면 소장본과 그 이력이 보입니다.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>translated by %1</source>
        <translation>%1 옮김</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Title in its own script</source>
        <translation>원래 문자로 쓴 제목</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Variant titles</source>
        <translation>다른 제목</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Responsibility</source>
        <translation>책임 표시</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other names</source>
        <translation>그 밖의 이름</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Original title</source>
        <translation>원제</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edition</source>
        <translation>판</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place</source>
        <translation>발행지</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publisher</source>
        <translation>출판사</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year</source>
        <translation>연도</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Physical description</source>
        <translation>형태 사항</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Series</source>
        <translation>총서</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contents</source>
        <translation>내용</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subjects</source>
        <translation>주제</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call number</source>
        <translation>청구기호</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ISBN</source>
        <translation>ISBN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record</source>
        <translation>레코드 번호</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Access</source>
        <translation>이용 등급</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Volumes</source>
        <translation>권수</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting list</source>
        <translation>대기자 명단</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 waiting</source>
        <translation>%1명 대기</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Notes</source>
        <translation>비고</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copies (%1)</source>
        <translation>소장본 (%1)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>vol. %1: %2 of %3</source>
        <translation>제%1권: %3부 중 %2부</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 — on the shelf: %2</source>
        <translation>%1 — 서가에 있음: %2</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Loan history %1</source>
        <translation>대출 이력 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Condition history %1</source>
        <translation>보존 등급 이력 %1</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1  %2 → %3  (%4)  %5  #%6</source>
        <translation>%1  %2 → %3  (%4)  %5  #%6</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No call number recorded yet.</source>
        <translation>아직 기록된 청구기호가 없습니다.</translation>
    </message>
    <message>
        <location line="-213"/>
        <source>Custody timeline of the selected copy</source>
        <translation>선택한 소장본의 이동 기록</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Custody</source>
        <translation>이동 기록</translation>
    </message>
    <message>
        <location line="+176"/>
        <source>%1, seat %2</source>
        <translation>%1, %2번 좌석</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1  %2  (%3)  %4  %5  #%6</source>
        <translation>%1  %2  (%3)  %4  %5  #%6</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No moves recorded yet.</source>
        <translation>아직 기록된 이동이 없습니다.</translation>
    </message>
</context>
<context>
    <name>WorkDialog</name>
    <message>
        <location filename="../../../ui/dialogs/work_dialog.py" line="+50"/>
        <source>Edit work</source>
        <translation>작품 수정</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New work</source>
        <translation>새 작품</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Title:</source>
        <translation>제목(&amp;T):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title in its o&amp;wn script:</source>
        <translation>원래 문자로 쓴 제목(&amp;W):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ubtitle:</source>
        <translation>부제(&amp;U):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Author:</source>
        <translation>저자(&amp;A):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Author in its own &amp;script:</source>
        <translation>원래 문자로 쓴 저자(&amp;S):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Original title:</source>
        <translation>원제(&amp;O):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Original &amp;language:</source>
        <translation>원어(&amp;L):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;ranslator:</source>
        <translation>번역자(&amp;R):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Translator in its own script:</source>
        <translation>원래 문자로 쓴 번역자:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Publisher:</source>
        <translation>출판사(&amp;P):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Year:</source>
        <translation>연도(&amp;Y):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;ISBN:</source>
        <translation>ISBN(&amp;I):</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>e.g. 1987</source>
        <translation>예: 1987</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. ja, fr, en</source>
        <translation>예: ja, fr, en</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A&amp;ccess:</source>
        <translation>이용 등급(&amp;C):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Volumes:</source>
        <translation>권수(&amp;V):</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Notes:</source>
        <translation>비고(&amp;N):</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Every volume goes out together</source>
        <translation>모든 권이 함께 나감</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued as a s&amp;et:</source>
        <translation>전집 대출(&amp;E):</translation>
    </message>
</context>
<context>
    <name>WritersCatalogue</name>
    <message>
        <location filename="../../../ui/writers.py" line="+71"/>
        <source>No copies in circulation</source>
        <extracomment>what is ready for a writer stays on the screen this long (the next writer does not see it)</extracomment>
        <translation>이용할 수 있는 소장본 없음</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading room: {n} here</source>
        <translation>열람실: {n}부 있음</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+172"/>
        <source>{n} of {total} on the shelf</source>
        <translation>{total}부 중 {n}부 서가에 있음</translation>
    </message>
    <message>
        <location line="-170"/>
        <source>All out; {when}</source>
        <translation>모두 대출 중, {when}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All set aside for the waiting list</source>
        <translation>모두 대기자 명단의 이용자 앞으로 예약 보관됨</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>was due back {date}</source>
        <translation>반납 기한 {date} 지남</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>next due back {date}</source>
        <translation>다음 반납 예정 {date}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ready for you since {since}: {title}, volume {n}; collect it at the desk by {by}.</source>
        <translation>{since}부터 예약 보관 중: {title}, 제{n}권. {by}까지 대출대에서 받아 가십시오.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>1 work</source>
        <translation>작품 1편</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{n} works</source>
        <translation>작품 {n}편</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} waiting</source>
        <translation>{n}명 대기</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Author</source>
        <translation>저자</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Translator</source>
        <translation>번역자</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Availability</source>
        <translation>이용 가능 여부</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting list</source>
        <translation>대기자 명단</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Volumes</source>
        <translation>권수</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Volume</source>
        <translation>권</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+176"/>
        <source>Your member number</source>
        <translation>회원 번호</translation>
    </message>
    <message>
        <location line="-175"/>
        <source>Member number</source>
        <translation>회원 번호</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+175"/>
        <source>Your PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location line="-174"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Join the waiting list</source>
        <translation>대기자 명단에 올리기(&amp;J)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Join the waiting list</source>
        <translation>대기자 명단에 올리기</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Join the waiting list&lt;/b&gt;</source>
        <translation>&lt;b&gt;대기자 명단에 올리기&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Type your member number and your PIN: the desk sets the next free copy aside for you, in turn.</source>
        <translation>회원 번호와 PIN을 입력하십시오. 차례가 되면 대출대가 다음으로 비는 소장본을 예약 보관해 둡니다.</translation>
    </message>
    <message>
        <location line="+77"/>
        <location line="+109"/>
        <source>Type your member number and your PIN.</source>
        <translation>회원 번호와 PIN을 입력하십시오.</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Member number, to see what is ready</source>
        <translation>회원 번호(예약 보관 확인용)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>PIN, to see what is ready</source>
        <translation>PIN(예약 보관 확인용)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>See what is &amp;ready for me</source>
        <translation>내 예약 보관 확인(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>See what is ready for me</source>
        <translation>내 예약 보관 확인</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;b&gt;Collecting a book?&lt;/b&gt;</source>
        <translation>&lt;b&gt;책을 받으러 오셨습니까?&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Nothing is set aside for you yet: the desk sets a copy aside in turn.</source>
        <translation>아직 예약 보관된 책이 없습니다. 차례가 되면 대출대가 소장본을 예약 보관해 둡니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+63"/>
        <source>Not possible here: ask at the desk.</source>
        <translation>여기서는 할 수 없습니다. 대출대에 문의하십시오.</translation>
    </message>
    <message>
        <location line="-260"/>
        <source>Choose a work</source>
        <translation>작품을 고르십시오</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search above, then pick a work to see its volumes and the waiting list.</source>
        <translation>위에서 검색한 뒤 작품을 고르면 권별 상황과 대기자 명단이 보입니다.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+29"/>
        <source>Volume {n}</source>
        <translation>제{n}권</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>by {author}</source>
        <translation>{author} 지음</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>translated by {t}</source>
        <translation>{t} 옮김</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Original: {title} ({language})</source>
        <translation>원제: {title} ({language})</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Read in the reading room only; not lent.</source>
        <translation>열람실에서만 읽을 수 있으며 대출하지 않습니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copies</source>
        <translation>소장본</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>all out; {when}</source>
        <translation>모두 대출 중, {when}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>all set aside for the waiting list</source>
        <translation>모두 대기자 명단의 이용자 앞으로 예약 보관됨</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none in circulation</source>
        <translation>이용할 수 있는 소장본 없음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; {n} on the waiting list</source>
        <translation>; 대기자 명단에 {n}명</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+120"/>
        <source>Writers&apos; catalogue</source>
        <translation>작가용 장서 목록</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>Search by title, author or translator</source>
        <translation>제목, 저자, 번역자로 검색</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the catalogue</source>
        <translation>장서 목록 검색</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Works</source>
        <translation>작품</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>Find a book, see whether it is on the shelf, and join its waiting list.</source>
        <translation>책을 찾고, 서가에 있는지 보고, 대기자 명단에 이름을 올리십시오.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Staff: &amp;leave…</source>
        <translation>직원: 나가기(&amp;L)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave the writers&apos; catalogue (staff only)</source>
        <translation>작가용 장서 목록에서 나가기 (직원 전용)</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>{title}, volume {n}</source>
        <translation>{title}, 제{n}권</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A copy of {what} is set aside for you: ask at the desk.</source>
        <translation>{what} 소장본이 예약 보관되어 있습니다. 대출대에 문의하십시오.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You are number {position} on the waiting list for {what}.</source>
        <translation>{what} 대기자 명단에서 {position}번째입니다.</translation>
    </message>
    <message>
        <location filename="../../../ui/i18n.py" line="+1"/>
        <source>Japanese</source>
        <translation>일본어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>영어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>French</source>
        <translation>프랑스어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Italian</source>
        <translation>이탈리아어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Russian</source>
        <translation>러시아어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>German</source>
        <translation>독일어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spanish</source>
        <translation>스페인어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese</source>
        <translation>중국어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Korean</source>
        <translation>한국어</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../../ui/errors.py" line="+9"/>
        <source>The catalogue cannot be used</source>
        <translation>장서 목록을 사용할 수 없습니다</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing was changed. Once the problem is fixed, start Reading Room again (or try the action again).</source>
        <translation>아무것도 바뀌지 않았습니다. 문제를 해결한 뒤 Reading Room을 다시 시작하십시오(또는 작업을 다시 시도하십시오).</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Reading Room</source>
        <translation>Reading Room</translation>
    </message>
</context>
<context>
    <name>widget</name>
    <message>
        <location filename="../../../ui/widgets/borrower_notes.py" line="-187"/>
        <source>%1 — %2, %3</source>
        <extracomment>what adding or resolving a note changes: the borrower&apos;s card and the audit trail</extracomment>
        <translation>%1 — %2, %3</translation>
    </message>
</context>
</TS>
